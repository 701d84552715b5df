# Subscription-scope governance twin: a policy definition and an initiative at the subscription, an
# assignment at the subscription (of the current subscription, as `data.azurerm_subscription`), a blueprint
# assignment. The ARM twin is a subscription template; it writes the assignments' `scope` as
# `subscription().id`, since Terraform names the subscription and the model then records it as their scope.
data "azurerm_subscription" "current" {}

resource "azurerm_policy_definition" "https" {
  name         = "storage-https"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Storage accounts accept HTTPS only"
  metadata     = jsonencode({ category = "Storage" })

  policy_rule = jsonencode({
    if = {
      allOf = [
        { field = "type", equals = "Microsoft.Storage/storageAccounts" },
        { field = "Microsoft.Storage/storageAccounts/supportsHttpsTrafficOnly", equals = "false" }
      ]
    }
    then = { effect = "deny" }
  })
}

resource "azurerm_policy_set_definition" "storage" {
  name         = "storage-baseline"
  policy_type  = "Custom"
  display_name = "Storage baseline"
  description  = "Data standard DS-1."
  metadata     = jsonencode({ category = "Storage" })

  policy_definition_reference {
    policy_definition_id = azurerm_policy_definition.https.id
    reference_id         = "https"
  }
}

# the definition's deny effect, enforced: AZ302 (no description on the definition: AZ304)
resource "azurerm_subscription_policy_assignment" "https" {
  name                 = "storage-https"
  subscription_id      = data.azurerm_subscription.current.id
  policy_definition_id = azurerm_policy_definition.https.id
}

# retiring service: AZ305
resource "azurerm_blueprint_assignment" "baseline" {
  name                   = "baseline"
  target_subscription_id = data.azurerm_subscription.current.id
  version_id             = "/providers/Microsoft.Management/managementGroups/mg-platform/providers/Microsoft.Blueprint/blueprints/baseline/versions/1.0"
  location               = "westeurope"
  lock_mode              = "AllResourcesDoNotDelete"

  identity {
    type = "SystemAssigned"
  }
}
