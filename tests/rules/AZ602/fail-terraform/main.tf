variable "retention_days" {
  type    = number
  default = 30
}

resource "azurerm_network_watcher_flow_log" "hub" {
  name                 = "fl-hub"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = "/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub"
  storage_account_id   = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = var.retention_days # expect: AZ602
  }
}

resource "azurerm_network_watcher_flow_log" "spoke" {
  name                 = "fl-spoke"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = "/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke"
  storage_account_id   = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled              = false # expect: AZ602

  retention_policy {
    enabled = false
    days    = 0
  }
}
