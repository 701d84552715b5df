# Resource-group governance twin: policy assignments at a resource group and at one resource (current and
# legacy azurerm resources) of a built-in definition, and a role assignment. The ARM twin is a
# resource-group template.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-policy"
  location = "westeurope"
}

resource "azurerm_storage_account" "st" {
  name                          = "stpolicy"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}

locals {
  # built-in "Not allowed resource types"-like definition, effect chosen by parameter
  definition = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
}

# deny enforced from the first deployment: AZ302
resource "azurerm_resource_group_policy_assignment" "deny" {
  name                 = "rg-deny-ip"
  resource_group_id    = azurerm_resource_group.rg.id
  policy_definition_id = local.definition
  parameters           = jsonencode({ effect = { value = "Deny" } })
}

# not enforced: passes
resource "azurerm_resource_policy_assignment" "st" {
  name                 = "st-deny-ip"
  resource_id          = azurerm_storage_account.st.id
  policy_definition_id = local.definition
  parameters           = jsonencode({ effect = { value = "Deny" } })
  enforce              = false
}

# legacy resource, audit effect: passes
resource "azurerm_policy_assignment" "legacy" {
  name                 = "st-audit-ip"
  scope                = azurerm_storage_account.st.id
  policy_definition_id = local.definition
  parameters           = jsonencode({ effect = { value = "Audit" } })
  description          = "Audit first."
}

resource "azurerm_role_assignment" "reader" {
  name                 = "00000000-0000-0000-0000-0000000000aa"
  scope                = azurerm_storage_account.st.id
  role_definition_id   = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
  principal_id         = "00000000-0000-0000-0000-0000000000bb"
  principal_type       = "Group"
}
