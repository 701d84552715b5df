variable "storage_effect" {
  type = string
}

resource "azurerm_subscription_policy_assignment" "staged" {
  name                 = "staged-deny"
  subscription_id      = "/subscriptions/00000000-0000-0000-0000-000000000000"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9"
  enforce              = false
  parameters           = jsonencode({ effect = { value = "Deny" } })
}

resource "azurerm_subscription_policy_assignment" "audit" {
  name                 = "audit-storage-http"
  subscription_id      = "/subscriptions/00000000-0000-0000-0000-000000000000"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9"
  parameters           = jsonencode({ effect = { value = "Audit" } })
}

# the effect comes from a variable without a value: undecided, not reported
resource "azurerm_resource_group_policy_assignment" "from_variable" {
  name                 = "from-variable"
  resource_group_id    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9"
  parameters           = jsonencode({ effect = { value = var.storage_effect } })
}
