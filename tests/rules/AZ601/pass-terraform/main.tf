locals {
  storage_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}

# v4.11+ / v5: a virtual network flow log
resource "azurerm_network_watcher_flow_log" "hub" {
  name                 = "fl-hub"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_virtual_network.hub.id
  storage_account_id   = local.storage_id
  enabled              = true

  retention_policy {
    enabled = true
    days    = 90
  }
}

resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-spoke"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg-net"
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.1.0.0/24"]
}

resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  resource_group_name = "rg-net"
  location            = "westeurope"
}

resource "azurerm_subnet_network_security_group_association" "app" {
  subnet_id                 = azurerm_subnet.app.id
  network_security_group_id = azurerm_network_security_group.app.id
}

# v3: a legacy NSG flow log on the subnet's NSG still records the subnet's traffic
resource "azurerm_network_watcher_flow_log" "app" {
  name                      = "fl-nsg-app"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.app.id
  storage_account_id        = local.storage_id
  enabled                   = true

  retention_policy {
    enabled = true
    days    = 90
  }
}

data "azurerm_virtual_network" "shared" {
  name                = "vnet-shared"
  resource_group_name = "rg-shared"
}
