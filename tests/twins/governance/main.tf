# Governance twin (tenant scope): a management group hierarchy four levels deep, policy definitions and an
# initiative at a management group, assignments at a management group and at the tenant root.
data "azurerm_client_config" "current" {}

resource "azurerm_management_group" "platform" {
  name         = "mg-platform"
  display_name = "Platform"
}

resource "azurerm_management_group" "connectivity" {
  name                       = "mg-connectivity"
  display_name               = "Connectivity"
  parent_management_group_id = azurerm_management_group.platform.id
}

resource "azurerm_management_group" "hub" {
  name                       = "mg-hub"
  display_name               = "Hub"
  parent_management_group_id = azurerm_management_group.connectivity.id
}

# fourth level below the root: AZ301
resource "azurerm_management_group" "edge" {
  name                       = "mg-edge"
  display_name               = "Edge"
  parent_management_group_id = azurerm_management_group.hub.id
}

# documented: passes AZ304
resource "azurerm_policy_definition" "deny_public_ip" {
  name                = "deny-public-ip"
  policy_type         = "Custom"
  mode                = "All"
  display_name        = "Deny public IP addresses"
  description         = "Network standard NS-2: no public IP addresses outside the hub."
  management_group_id = azurerm_management_group.platform.id
  metadata            = jsonencode({ category = "Network", version = "1.0.0" })

  parameters = jsonencode({
    effect = {
      type          = "String"
      allowedValues = ["Audit", "Deny", "Disabled"]
      defaultValue  = "Deny"
    }
  })

  policy_rule = jsonencode({
    if   = { field = "type", equals = "Microsoft.Network/publicIPAddresses" }
    then = { effect = "[parameters('effect')]" }
  })
}

# no description, no metadata category: AZ304
resource "azurerm_policy_definition" "tag_owner" {
  name                = "require-owner-tag"
  policy_type         = "Custom"
  mode                = "Indexed"
  display_name        = "Require an owner tag"
  management_group_id = azurerm_management_group.platform.id
  metadata            = jsonencode({ version = "1.0.0" })

  policy_rule = jsonencode({
    if   = { field = "tags['owner']", exists = "false" }
    then = { effect = "audit" }
  })
}

# missing its metadata category: AZ304
resource "azurerm_management_group_policy_set_definition" "baseline" {
  name                = "baseline"
  policy_type         = "Custom"
  display_name        = "Baseline"
  description         = "The platform baseline."
  management_group_id = azurerm_management_group.platform.id

  policy_definition_reference {
    policy_definition_id = azurerm_policy_definition.deny_public_ip.id
    reference_id         = "denyPublicIp"
    parameter_values     = jsonencode({ effect = { value = "Deny" } })
  }

  policy_definition_reference {
    policy_definition_id = azurerm_policy_definition.tag_owner.id
    reference_id         = "ownerTag"
  }
}

# deny from the first deployment: AZ302
resource "azurerm_management_group_policy_assignment" "deny_public_ip" {
  name                 = "deny-public-ip"
  display_name         = "Deny public IP addresses"
  management_group_id  = azurerm_management_group.connectivity.id
  policy_definition_id = azurerm_policy_definition.deny_public_ip.id
  not_scopes           = [azurerm_management_group.hub.id]
}

# audit only, not enforced: passes
resource "azurerm_management_group_policy_assignment" "baseline" {
  name                 = "baseline"
  management_group_id  = azurerm_management_group.platform.id
  policy_definition_id = azurerm_management_group_policy_set_definition.baseline.id
  enforce              = false
  location             = "westeurope"
  parameters           = jsonencode({})

  identity {
    type = "SystemAssigned"
  }
}

# deny at the tenant root management group: AZ302 and AZ303
resource "azurerm_management_group_policy_assignment" "root" {
  name                 = "root-deny-ip"
  management_group_id  = "/providers/Microsoft.Management/managementGroups/${data.azurerm_client_config.current.tenant_id}"
  policy_definition_id = azurerm_policy_definition.deny_public_ip.id
  parameters           = jsonencode({ effect = { value = "Deny" } })
}
