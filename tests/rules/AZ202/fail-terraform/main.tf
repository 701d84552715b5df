variable "notify_owners" {
  type    = bool
  default = false
}

resource "azurerm_security_center_contact" "secops" {
  name                = "secops"
  email               = "secops@contoso.com"
  phone               = "+1-425-555-0100"
  alert_notifications = false             # expect: AZ202
  alerts_to_admins    = var.notify_owners # expect: AZ202
}

resource "azapi_resource" "contact" {
  type      = "Microsoft.Security/securityContacts@2023-12-01-preview"
  name      = "default"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  body = {
    properties = {
      emails    = "secops@contoso.com"
      phone     = "+1-425-555-0100"
      isEnabled = false # expect: AZ202
    }
  }
}
