variable "alerts_on" {
  type = bool
}

resource "azurerm_security_center_contact" "secops" {
  name                = "secops"
  email               = "secops@contoso.com"
  phone               = "+1-425-555-0100"
  alert_notifications = true
  alerts_to_admins    = true
}

# from a variable without a value: undecided, not reported
resource "azurerm_security_center_contact" "team" {
  name                = "team"
  email               = "team@contoso.com"
  phone               = "+1-425-555-0101"
  alert_notifications = var.alerts_on
  alerts_to_admins    = true
}
