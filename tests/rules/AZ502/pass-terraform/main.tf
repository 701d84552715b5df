variable "endpoint_enabled" {
  type = bool
}

resource "azurerm_security_center_setting" "endpoint" {
  setting_name = "WDATP"
  enabled      = true
}

resource "azurerm_security_center_setting" "cloud_apps" {
  setting_name = "MCAS"
  enabled      = false
}

# only known at apply: undecided
resource "azurerm_security_center_setting" "endpoint_other_subscription" {
  provider     = azurerm
  setting_name = "WDATP"
  enabled      = var.endpoint_enabled
}
