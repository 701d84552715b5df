variable "parent_id" {
  type = string
}

data "azurerm_client_config" "current" {}

resource "azurerm_management_group" "landing_zones" {
  display_name               = "Landing zones"
  parent_management_group_id = "/providers/Microsoft.Management/managementGroups/${data.azurerm_client_config.current.tenant_id}"
}

resource "azurerm_management_group" "corp" {
  display_name               = "Corp"
  parent_management_group_id = azurerm_management_group.landing_zones.id
}

# the parent comes from a variable without a value: undecided, not reported
resource "azurerm_management_group" "team" {
  display_name               = "Team"
  parent_management_group_id = var.parent_id
}

resource "azurerm_management_group" "team_dev" {
  display_name               = "Team dev"
  parent_management_group_id = azurerm_management_group.team.id
}
