variable "default_action" {
  type = string
}

resource "azurerm_storage_account" "data" {
  name                     = "stdata"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# the rules live in their own resource (folded into the account)
resource "azurerm_storage_account_network_rules" "data" {
  storage_account_id = azurerm_storage_account.data.id
  default_action     = "Deny"
  bypass             = ["AzureServices"]
}

resource "azurerm_storage_account" "private" {
  name                          = "stprivate"
  resource_group_name           = "rg-app"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}

# undecided: the default action is a variable without a value
resource "azurerm_key_vault" "app" {
  name                = "kv-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    bypass         = "AzureServices"
    default_action = var.default_action
  }
}

resource "azurerm_cosmosdb_account" "app" {
  name                = "cosmos-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  offer_type          = "Standard"
  ip_range_filter     = ["203.0.113.0/24"]

  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

resource "azurerm_servicebus_namespace" "standard" {
  name                = "sb-standard"
  location            = "westeurope"
  resource_group_name = "rg-app"
  sku                 = "Standard"
}

resource "azurerm_servicebus_namespace" "premium" {
  name                = "sb-premium"
  location            = "westeurope"
  resource_group_name = "rg-app"
  sku                 = "Premium"
  capacity            = 1

  network_rule_set {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_eventhub_namespace" "app" {
  name                = "evh-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  sku                 = "Standard"
}

resource "azurerm_private_endpoint" "evh" {
  name                = "pe-evh"
  location            = "westeurope"
  resource_group_name = "rg-app"
  subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe"

  private_service_connection {
    name                           = "evh"
    private_connection_resource_id = azurerm_eventhub_namespace.app.id
    subresource_names              = ["namespace"]
    is_manual_connection           = false
  }
}

resource "azurerm_mssql_server" "app" {
  name                          = "sql-app"
  resource_group_name           = "rg-app"
  location                      = "westeurope"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "allow-azure-services"
  server_id        = azurerm_mssql_server.app.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}
