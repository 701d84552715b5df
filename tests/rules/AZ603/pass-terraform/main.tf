variable "target_id" {
  type = string
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_network_watcher_flow_log" "hub" {
  name                 = "fl-hub"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_virtual_network.hub.id
  storage_account_id   = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = 90
  }
}

# only known at apply: undecided
resource "azurerm_network_watcher_flow_log" "other" {
  name                 = "fl-other"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = var.target_id
  storage_account_id   = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = 90
  }
}
