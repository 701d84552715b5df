resource "azurerm_management_group" "platform" {
  display_name = "Platform"
}

resource "azurerm_policy_definition" "deny_public_ip" {
  name                = "deny-public-ip"
  policy_type         = "Custom"
  mode                = "All"
  display_name        = "Deny public IP addresses"
  management_group_id = azurerm_management_group.platform.id

  parameters = jsonencode({
    effect = { type = "String", defaultValue = "Audit" }
  })
  policy_rule = jsonencode({
    if   = { field = "type", equals = "Microsoft.Network/publicIPAddresses" }
    then = { effect = "[parameters('effect')]" }
  })
}

resource "azurerm_management_group_policy_assignment" "deny_public_ip" {
  name                 = "deny-public-ip"
  management_group_id  = azurerm_management_group.platform.id
  policy_definition_id = azurerm_policy_definition.deny_public_ip.id
  parameters           = jsonencode({ effect = { value = "Deny" } }) # expect: AZ302
}

resource "azurerm_subscription_policy_assignment" "storage_https" {
  name                 = "deny-storage-http"
  subscription_id      = "/subscriptions/00000000-0000-0000-0000-000000000000"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9"
  enforce              = true
  # expect: AZ302
  parameters = <<PARAMS
{ "effect": { "value": "Deny" } }
PARAMS
}
