variable "security_phone" {
  type = string
}

resource "azurerm_security_center_contact" "secops" {
  name                = "secops"
  email               = "secops@contoso.com"
  phone               = "+1-425-555-0100"
  alert_notifications = true
  alerts_to_admins    = true
}

# the phone number comes from a variable without a value: undecided, not reported
resource "azapi_resource" "contact" {
  type      = "Microsoft.Security/securityContacts@2023-12-01-preview"
  name      = "default"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  body = {
    properties = {
      emails    = "secops@contoso.com"
      phone     = var.security_phone
      isEnabled = true
    }
  }
}
