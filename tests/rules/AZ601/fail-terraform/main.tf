resource "azurerm_virtual_network" "hub" { # expect: AZ601
  name                = "vnet-hub"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_virtual_network" "spoke" { # expect: AZ601
  name                = "vnet-spoke"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_network_watcher_flow_log" "other" {
  name                 = "fl-other"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = "/subscriptions/0000/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other"
  storage_account_id   = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = 90
  }
}
