resource "azurerm_resource_group" "specs" {
  name     = "rg-template-specs"
  location = "westeurope"
}

resource "azapi_resource" "stack" {
  type      = "Microsoft.Resources/deploymentStacks@2024-03-01"
  name      = "baseline"
  parent_id = azurerm_resource_group.specs.id
  body = {
    properties = {
      actionOnUnmanage = { resources = "detach" }
      denySettings     = { mode = "denyDelete" }
    }
  }
}
