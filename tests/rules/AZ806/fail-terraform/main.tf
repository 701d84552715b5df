resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  address_space       = ["10.0.0.0/16"]
}

# azurerm v3/v4 shape: a list of endpoint names
resource "azurerm_subnet" "data" {
  name                 = "data"
  resource_group_name  = "rg-app"
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.Storage"]
}

# azurerm v5 shape: service_endpoint blocks
resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg-app"
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.0.2.0/24"]

  service_endpoint {
    service = "Microsoft.Web"
  }
}

# a subnet written inline in its virtual network
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = "westeurope"
  resource_group_name = "rg-app"
  address_space       = ["10.1.0.0/16"]

  subnet {
    name              = "shared"
    address_prefixes  = ["10.1.1.0/24"]
    service_endpoints = ["Microsoft.Storage"]
  }
}

resource "azurerm_storage_account" "data" {
  name                     = "stappdata"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# the folded network rules are located at their block
resource "azurerm_storage_account_network_rules" "data" { # expect: AZ806
  storage_account_id         = azurerm_storage_account.data.id
  default_action             = "Deny"
  virtual_network_subnet_ids = [azurerm_subnet.data.id, azurerm_subnet.app.id]
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
    virtual_network_subnet_ids = [azurerm_subnet.data.id] # expect: AZ806
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
  subnet_id = azurerm_subnet.app.id # expect: AZ806
}

resource "azurerm_cosmosdb_account" "app" {
  name                              = "cosmos-app"
  location                          = "westeurope"
  resource_group_name               = "rg-app"
  offer_type                        = "Standard"
  is_virtual_network_filter_enabled = true

  virtual_network_rule {
    id = azurerm_subnet.data.id # expect: AZ806
  }
  virtual_network_rule {
    id = one(azurerm_virtual_network.hub.subnet[*].id) # expect: AZ806
  }
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
      subnet_id = azurerm_subnet.data.id # expect: AZ806
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
      subnet_id = azurerm_subnet.app.id # expect: AZ806
    }
  }
}
