variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "rg_name" {
  type = string
}

# open to all networks: AZ807
resource "azurerm_storage_account" "this" {
  name                     = var.name
  location                 = var.location
  resource_group_name      = var.rg_name
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-${var.name}"
  location            = var.location
  resource_group_name = var.rg_name
}

output "workspace_id" {
  value = azurerm_log_analytics_workspace.law.id
}
