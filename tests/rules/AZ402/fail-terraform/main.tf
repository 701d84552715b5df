resource "azurerm_key_vault" "this" {
  name                = "kv-app"
  resource_group_name = "rg-app"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

# azurerm v3/v4: a metric block switched off collects nothing
resource "azurerm_monitor_diagnostic_setting" "metrics_off" {
  name               = "metrics-off"
  target_resource_id = azurerm_key_vault.this.id
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlogs"

  metric {
    category = "AllMetrics"
    enabled  = false # expect: AZ402
  }
}

# azurerm v3: a log block switched off
resource "azurerm_monitor_diagnostic_setting" "logs_off" {
  name                       = "logs-off"
  target_resource_id         = azurerm_key_vault.this.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"

  log {
    category = "AuditEvent"
    enabled  = false # expect: AZ402
  }
}

resource "azurerm_monitor_diagnostic_setting" "no_destination" { # expect: AZ402
  name               = "no-destination"
  target_resource_id = azurerm_key_vault.this.id

  enabled_log {
    category_group = "allLogs"
  }
}
