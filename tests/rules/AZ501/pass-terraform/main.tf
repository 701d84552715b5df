variable "tier" {
  type = string
}

resource "azurerm_security_center_subscription_pricing" "servers" {
  tier    = "Standard"
  subplan = "P2"
}

resource "azurerm_security_center_subscription_pricing" "storage" {
  tier          = "Standard"
  resource_type = "StorageAccounts"
  subplan       = "DefenderForStorageV2"
}

# only known at apply: undecided
resource "azurerm_security_center_subscription_pricing" "sql" {
  tier          = var.tier
  resource_type = "SqlServers"
}

# replaced by Containers
resource "azurerm_security_center_subscription_pricing" "registries" {
  tier          = "Free"
  resource_type = "ContainerRegistry"
}
