# resource_type defaults to VirtualMachines
resource "azurerm_security_center_subscription_pricing" "servers" {
  tier = "Free" # expect: AZ501
}

locals {
  plans = ["AppServices", "KeyVaults"]
}

resource "azurerm_security_center_subscription_pricing" "paas" {
  for_each      = toset(local.plans)
  tier          = "Free" # expect: AZ501
  resource_type = each.key
}
