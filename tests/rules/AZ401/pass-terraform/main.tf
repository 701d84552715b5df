variable "workspace_id" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"
}

resource "azurerm_storage_account" "this" {
  name                     = "stapp"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# logs come from the blob service: a setting there covers the account
resource "azurerm_monitor_diagnostic_setting" "blob" {
  name                       = "blob-logs"
  target_resource_id         = "${azurerm_storage_account.this.id}/blobServices/default/"
  log_analytics_workspace_id = var.workspace_id
  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_key_vault" "this" {
  for_each            = toset(["a", "b"])
  name                = "kv-app-${each.key}"
  resource_group_name = "rg-app"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  for_each                   = azurerm_key_vault.this
  name                       = "to-workspace"
  target_resource_id         = each.value.id
  log_analytics_workspace_id = var.workspace_id
  enabled_log {
    category = "AuditEvent"
  }
}

# managed elsewhere: never reported
data "azurerm_key_vault" "shared" {
  name                = "kv-shared"
  resource_group_name = "rg-shared"
}
