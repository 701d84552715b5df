resource "azurerm_security_center_setting" "endpoint" {
  setting_name = "WDATP"
  enabled      = false # expect: AZ502
}
