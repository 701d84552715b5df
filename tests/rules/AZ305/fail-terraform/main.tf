data "azurerm_subscription" "current" {}

data "azurerm_blueprint_definition" "baseline" {
  name     = "baseline"
  scope_id = data.azurerm_subscription.current.id
}

data "azurerm_blueprint_published_version" "baseline" {
  scope_id       = data.azurerm_blueprint_definition.baseline.scope_id
  blueprint_name = data.azurerm_blueprint_definition.baseline.name
  version        = "1.0"
}

resource "azurerm_blueprint_assignment" "baseline" { # expect: AZ305
  name                   = "baseline"
  target_subscription_id = data.azurerm_subscription.current.id
  version_id             = data.azurerm_blueprint_published_version.baseline.id
  location               = "westeurope"
  lock_mode              = "AllResourcesDoNotDelete"

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "legacy" { # expect: AZ305
  type      = "Microsoft.Blueprint/blueprints@2018-11-01-preview"
  name      = "legacy"
  parent_id = data.azurerm_subscription.current.id
  body = {
    properties = {
      targetScope = "subscription"
    }
  }
}
