resource "azurerm_management_group" "contoso" {
  name         = "contoso"
  display_name = "Contoso"
}

resource "azurerm_management_group" "landing_zones" {
  name                       = "contoso-landingzones"
  display_name               = "Landing zones"
  parent_management_group_id = azurerm_management_group.contoso.id
}

resource "azurerm_management_group" "workloads" {
  for_each                   = toset(["corp", "online"])
  name                       = "contoso-${each.key}"
  display_name               = each.key
  parent_management_group_id = azurerm_management_group.landing_zones.id # expect: AZ301
}
