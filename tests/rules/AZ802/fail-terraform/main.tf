resource "azurerm_service_plan" "web" { # expect: AZ802
  name                = "plan-web"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_service_plan" "api" {
  name                = "plan-api"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Windows"
  sku_name            = "S1"
  worker_count        = 1 # expect: AZ802
}

# azurerm v3/v4 legacy plan
resource "azurerm_app_service_plan" "legacy" {
  name                = "plan-legacy"
  resource_group_name = "rg-app"
  location            = "westeurope"

  sku {
    tier     = "Standard"
    size     = "S1"
    capacity = 1 # expect: AZ802
  }
}

resource "azurerm_service_plan" "scaled" {
  name                = "plan-scaled"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_monitor_autoscale_setting" "scaled" {
  name                = "autoscale-plan"
  resource_group_name = "rg-app"
  location            = "westeurope"
  target_resource_id  = azurerm_service_plan.scaled.id

  profile {
    name = "default"
    capacity {
      default = 1
      minimum = 1 # expect: AZ802
      maximum = 3
    }
  }
}
