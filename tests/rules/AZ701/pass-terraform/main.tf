variable "app_settings" {
  type = map(string)
}

resource "azurerm_service_plan" "this" {
  name                = "plan-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_application_insights" "this" {
  name                = "appi-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  application_type    = "web"
}

resource "azurerm_linux_web_app" "web" {
  name                = "app-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id

  app_settings = {
    APPLICATIONINSIGHTS_CONNECTION_STRING = azurerm_application_insights.this.connection_string
  }

  site_config {}
}

resource "azurerm_linux_function_app" "orders" {
  name                       = "func-orders"
  resource_group_name        = "rg-web"
  location                   = "westeurope"
  service_plan_id            = azurerm_service_plan.this.id
  storage_account_name       = "stfunc"
  storage_account_access_key = "key"

  site_config {
    application_insights_connection_string = azurerm_application_insights.this.connection_string
  }
}

# settings only known at apply: undecided
resource "azurerm_windows_web_app" "admin" {
  name                = "app-admin"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  app_settings        = var.app_settings

  site_config {}
}
