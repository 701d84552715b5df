data "azurerm_client_config" "current" {}

# labelled "root" but named by a literal that is not a tenant id: an intermediate root
data "azurerm_management_group" "root" {
  name = "contoso"
}

# a literal GUID may be the tenant id: undecided, not reported
data "azurerm_management_group" "by_guid" {
  name = "11111111-2222-3333-4444-555555555555"
}

resource "azurerm_management_group" "landing_zones" {
  display_name = "Landing zones"
}

resource "azurerm_management_group_policy_assignment" "deny_lz" {
  name                 = "deny-classic-lz"
  management_group_id  = azurerm_management_group.landing_zones.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
  parameters           = jsonencode({ effect = { value = "Deny" } })
}

resource "azurerm_management_group_policy_assignment" "deny_intermediate" {
  name                 = "deny-classic-int"
  management_group_id  = data.azurerm_management_group.root.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
  parameters           = jsonencode({ effect = { value = "Deny" } })
}

resource "azurerm_management_group_policy_assignment" "audit_root" {
  name                 = "audit-classic"
  management_group_id  = "/providers/Microsoft.Management/managementGroups/${data.azurerm_client_config.current.tenant_id}"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
  parameters           = jsonencode({ effect = { value = "Audit" } })
}

resource "azurerm_management_group_policy_assignment" "staged_root" {
  name                 = "staged-deny"
  management_group_id  = "/providers/Microsoft.Management/managementGroups/${data.azurerm_client_config.current.tenant_id}"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
  enforce              = false
  parameters           = jsonencode({ effect = { value = "Deny" } })
}

resource "azurerm_management_group_policy_assignment" "maybe_root" {
  name                 = "deny-maybe-root"
  management_group_id  = data.azurerm_management_group.by_guid.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
  parameters           = jsonencode({ effect = { value = "Deny" } })
}
