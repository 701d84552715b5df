variable "workspace_id" {
  type = string
}

variable "log_categories" {
  type = list(string)
}

resource "azurerm_key_vault" "this" {
  name                = "kv-app"
  resource_group_name = "rg-app"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "v5" {
  name                           = "to-hub"
  target_resource_id             = azurerm_key_vault.this.id
  eventhub_authorization_rule_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/authorizationRules/send"
  eventhub_name                  = "logs"

  enabled_log {
    category_group = "audit"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}

# destination and categories only known at apply: undecided
resource "azurerm_monitor_diagnostic_setting" "dynamic" {
  name                       = "to-workspace"
  target_resource_id         = azurerm_key_vault.this.id
  log_analytics_workspace_id = var.workspace_id

  dynamic "enabled_log" {
    for_each = var.log_categories
    content {
      category = enabled_log.value
    }
  }
}

# v3: enabled defaults to true
resource "azurerm_monitor_diagnostic_setting" "v3" {
  name               = "to-storage"
  target_resource_id = azurerm_key_vault.this.id
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlogs"

  log {
    category = "AuditEvent"
  }
  metric {
    category = "AllMetrics"
    enabled  = false
  }
}
