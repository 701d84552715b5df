resource "azurerm_security_center_contact" "secops" { # expect: AZ201
  name                = "secops"
  email               = "secops@contoso.com"
  alert_notifications = true
  alerts_to_admins    = true
}

resource "azapi_resource" "contact" {
  type      = "Microsoft.Security/securityContacts@2023-12-01-preview"
  name      = "default"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  body = {
    properties = {
      emails    = "" # expect: AZ201
      phone     = "+1-425-555-0100"
      isEnabled = true
    }
  }
}
