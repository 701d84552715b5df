resource "azurerm_storage_account" "logs" { # expect: AZ807
  name                     = "stlogs"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_key_vault" "app" {
  name                          = "kv-app"
  location                      = "westeurope"
  resource_group_name           = "rg-app"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = true

  network_acls {
    bypass         = "AzureServices"
    default_action = "Allow" # expect: AZ807
  }
}

resource "azurerm_cosmosdb_account" "app" { # expect: AZ807
  name                = "cosmos-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  offer_type          = "Standard"

  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

resource "azurerm_eventhub_namespace" "app" {
  name                = "evh-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  sku                 = "Standard"

  network_rulesets {
    default_action = "Allow" # expect: AZ807
  }
}

resource "azurerm_mssql_server" "app" {
  name                = "sql-app"
  resource_group_name = "rg-app"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_mssql_server.app.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255" # expect: AZ807
}
