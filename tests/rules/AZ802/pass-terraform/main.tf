variable "workers" {
  type = number
}

resource "azurerm_service_plan" "functions" {
  name                = "plan-functions"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "Y1"
}

resource "azurerm_service_plan" "flex" {
  name                = "plan-flex"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "FC1"
}

resource "azurerm_service_plan" "elastic" {
  name                         = "plan-elastic"
  resource_group_name          = "rg-app"
  location                     = "westeurope"
  os_type                      = "Linux"
  sku_name                     = "EP1"
  maximum_elastic_worker_count = 10
}

resource "azurerm_service_plan" "zonal" {
  name                   = "plan-zonal"
  resource_group_name    = "rg-app"
  location               = "westeurope"
  os_type                = "Linux"
  sku_name               = "P1v3"
  zone_balancing_enabled = true
}

resource "azurerm_service_plan" "web" {
  name                = "plan-web"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
  worker_count        = 2
}

# undecided: the count is a variable without a value
resource "azurerm_service_plan" "api" {
  name                = "plan-api"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Windows"
  sku_name            = "S1"
  worker_count        = var.workers
}

# no worker_count, but autoscale (enabled by default in azurerm) owns it
resource "azurerm_service_plan" "autoscaled" {
  name                = "plan-autoscaled"
  resource_group_name = "rg-app"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "S1"
}

resource "azurerm_monitor_autoscale_setting" "plan" {
  name                = "autoscale-plan"
  resource_group_name = "rg-app"
  location            = "westeurope"
  target_resource_id  = azurerm_service_plan.autoscaled.id

  profile {
    name = "default"
    capacity {
      default = 2
      minimum = 2
      maximum = 5
    }
  }
}
