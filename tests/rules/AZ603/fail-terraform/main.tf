resource "azurerm_network_security_group" "web" {
  name                = "nsg-web"
  resource_group_name = "rg-net"
  location            = "westeurope"
}

# azurerm v3 - v4.10
resource "azurerm_network_watcher_flow_log" "web" {
  name                      = "fl-web"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.web.id # expect: AZ603
  storage_account_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled                   = true

  retention_policy {
    enabled = true
    days    = 90
  }
}

# azurerm v4.11+: target_resource_id can still name an NSG
resource "azurerm_network_watcher_flow_log" "web_v4" {
  name                 = "fl-web-v4"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_network_security_group.web.id # expect: AZ603
  storage_account_id   = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = 90
  }
}
