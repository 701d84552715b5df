variable "external_subnet_id" {
  type = string
}

resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "data" {
  name                 = "data"
  resource_group_name  = "rg-app"
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.Storage", "Microsoft.KeyVault", "Microsoft.Sql"]
}

resource "azurerm_subnet" "messaging" {
  name                 = "messaging"
  resource_group_name  = "rg-app"
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.0.2.0/24"]

  service_endpoint {
    service = "Microsoft.ServiceBus"
  }
  service_endpoint {
    service = "Microsoft.EventHub"
  }
}

resource "azurerm_storage_account" "data" {
  name                     = "stappdata"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action = "Deny"
    # the second subnet is declared elsewhere: undecided
    virtual_network_subnet_ids = [azurerm_subnet.data.id, var.external_subnet_id]
  }
}

resource "azurerm_key_vault" "app" {
  name                = "kv-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    bypass                     = "AzureServices"
    default_action             = "Deny"
    virtual_network_subnet_ids = [azurerm_subnet.data.id]
  }
}

resource "azurerm_mssql_server" "app" {
  name                = "sql-app"
  resource_group_name = "rg-app"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_virtual_network_rule" "data" {
  name      = "allow-data"
  server_id = azurerm_mssql_server.app.id
  subnet_id = azurerm_subnet.data.id
}

# a missing endpoint accepted on purpose
resource "azurerm_mssql_virtual_network_rule" "messaging" {
  name                                 = "allow-messaging"
  server_id                            = azurerm_mssql_server.app.id
  subnet_id                            = azurerm_subnet.messaging.id
  ignore_missing_vnet_service_endpoint = true
}

resource "azurerm_servicebus_namespace" "app" {
  name                = "sb-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  sku                 = "Premium"
  capacity            = 1

  network_rule_set {
    default_action = "Deny"
    network_rules {
      subnet_id = azurerm_subnet.messaging.id
    }
  }
}

resource "azurerm_eventhub_namespace" "app" {
  name                = "evh-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  sku                 = "Standard"

  network_rulesets {
    default_action = "Deny"
    virtual_network_rule {
      subnet_id                                       = azurerm_subnet.data.id
      ignore_missing_virtual_network_service_endpoint = true
    }
  }
}
