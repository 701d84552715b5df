variable "prefix" {
  type    = string
  default = "app"
}

resource "azurerm_storage_account" "this" { # expect: AZ401
  name                     = "st${var.prefix}"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_key_vault" "this" { # expect: AZ401
  name                = "kv-${var.prefix}"
  resource_group_name = "rg-app"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "other" {
  name                = "kv-${var.prefix}-other"
  resource_group_name = "rg-app"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "other" {
  name                       = "to-workspace"
  target_resource_id         = azurerm_key_vault.other.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"
  enabled_log {
    category_group = "allLogs"
  }
}
