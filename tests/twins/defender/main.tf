# Defender for Cloud twin (subscription scope): plans, a security contact, settings, auto provisioning,
# the workspace setting. The ARM twin is a subscription deployment template.
resource "azurerm_security_center_subscription_pricing" "vms" {
  tier = "Free"
}

resource "azurerm_security_center_subscription_pricing" "storage" {
  tier          = "Standard"
  resource_type = "StorageAccounts"
  subplan       = "DefenderForStorageV2"
}

# exempt plan (replaced by Containers): not reported although Free
resource "azurerm_security_center_subscription_pricing" "registry" {
  tier          = "Free"
  resource_type = "ContainerRegistry"
}

# no phone (AZ201), alerts to admins off (AZ202)
resource "azurerm_security_center_contact" "main" {
  name                = "default1"
  email               = "secops@contoso.com"
  alert_notifications = true
  alerts_to_admins    = false
}

# Defender for Endpoint integration off: AZ502
resource "azurerm_security_center_setting" "wdatp" {
  setting_name = "WDATP"
  enabled      = false
}

resource "azurerm_security_center_setting" "mcas" {
  setting_name = "MCAS"
  enabled      = true
}

resource "azurerm_security_center_setting" "sentinel" {
  setting_name = "Sentinel"
  enabled      = true
}

resource "azurerm_security_center_auto_provisioning" "auto" {
  auto_provision = "On"
}

resource "azurerm_security_center_workspace" "ws" {
  scope        = "/subscriptions/00000000-0000-0000-0000-000000000000"
  workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law"
}
