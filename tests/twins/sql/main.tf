# SQL twin: mssql and legacy sql servers with firewall rules, virtual-network rules and a database.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-sql"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-sql"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.5.0.0/16"]
}

resource "azurerm_subnet" "sql" {
  name                 = "snet-sql"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.5.1.0/24"]
  service_endpoints    = ["Microsoft.Sql"]
}

resource "azurerm_subnet" "bare" {
  name                 = "snet-bare"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.5.2.0/24"]
}

resource "azurerm_mssql_server" "open" {
  name                          = "sql-open"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = "P@ssw0rd-not-real-1"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = true
}

# the whole IPv4 range on a public server: AZ807
resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "allow-everyone"
  server_id        = azurerm_mssql_server.open.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

# Azure services only: passes
resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "AllowAllWindowsAzureIps"
  server_id        = azurerm_mssql_server.open.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

# a subnet without the Microsoft.Sql endpoint: AZ806
resource "azurerm_mssql_virtual_network_rule" "bare" {
  name      = "rule-bare"
  server_id = azurerm_mssql_server.open.id
  subnet_id = azurerm_subnet.bare.id
}

# the same, but told to ignore the missing endpoint: passes
resource "azurerm_mssql_virtual_network_rule" "ignored" {
  name                                 = "rule-ignored"
  server_id                            = azurerm_mssql_server.open.id
  subnet_id                            = azurerm_subnet.bare.id
  ignore_missing_vnet_service_endpoint = true
}

# no diagnostic setting: AZ401
resource "azurerm_mssql_database" "app" {
  name      = "sqldb-app"
  server_id = azurerm_mssql_server.open.id
  sku_name  = "S0"
}

resource "azurerm_sql_server" "legacy" {
  name                          = "sql-legacy"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = "P@ssw0rd-not-real-1"
  public_network_access_enabled = false
}

# public access disabled on the server: passes AZ807
resource "azurerm_sql_firewall_rule" "everyone" {
  name                = "allow-everyone"
  resource_group_name = azurerm_resource_group.rg.name
  server_name         = azurerm_sql_server.legacy.name
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"
}

# the subnet has the endpoint: passes AZ806
resource "azurerm_sql_virtual_network_rule" "sql" {
  name                = "rule-sql"
  resource_group_name = azurerm_resource_group.rg.name
  server_name         = azurerm_sql_server.legacy.name
  subnet_id           = azurerm_subnet.sql.id
}
