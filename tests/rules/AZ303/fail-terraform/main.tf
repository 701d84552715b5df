data "azurerm_client_config" "current" {}

variable "root_group_id" {
  type = string
}

data "azurerm_management_group" "root" {
  display_name = "Tenant Root Group"
}

# the label says so and the name (a variable without a value) may be the tenant id
data "azurerm_management_group" "tenant_root" {
  name = var.root_group_id
}

resource "azurerm_management_group_policy_assignment" "deny_classic" {
  name                 = "deny-classic"
  management_group_id  = "/providers/Microsoft.Management/managementGroups/${data.azurerm_client_config.current.tenant_id}"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
  parameters           = jsonencode({ effect = { value = "Deny" } }) # expect: AZ303
}

resource "azurerm_policy_definition" "deploy_diagnostics" {
  name                = "deploy-diagnostics"
  policy_type         = "Custom"
  mode                = "Indexed"
  display_name        = "Deploy Key Vault diagnostics"
  management_group_id = data.azurerm_management_group.root.id

  policy_rule = jsonencode({
    if   = { field = "type", equals = "Microsoft.KeyVault/vaults" }
    then = { effect = "deployIfNotExists", details = { type = "Microsoft.Insights/diagnosticSettings" } }
  })
}

resource "azurerm_management_group_policy_assignment" "diagnostics" {
  name                 = "deploy-diagnostics"
  management_group_id  = data.azurerm_management_group.root.id
  policy_definition_id = azurerm_policy_definition.deploy_diagnostics.id # expect: AZ303
  location             = "westeurope"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_management_group_policy_assignment" "modify_tags" {
  name                 = "modify-tags"
  management_group_id  = data.azurerm_management_group.tenant_root.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26"
  location             = "westeurope"
  parameters           = jsonencode({ effect = { value = "Modify" } }) # expect: AZ303

  identity {
    type = "SystemAssigned"
  }
}
