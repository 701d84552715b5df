resource "azurerm_service_plan" "this" {
  name                = "plan-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "web" {
  name                = "app-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id

  app_settings = { # expect: AZ701
    WEBSITE_RUN_FROM_PACKAGE = "1"
  }

  site_config {}
}

resource "azurerm_linux_function_app" "orders" { # expect: AZ701
  name                       = "func-orders"
  resource_group_name        = "rg-web"
  location                   = "westeurope"
  service_plan_id            = azurerm_service_plan.this.id
  storage_account_name       = "stfunc"
  storage_account_access_key = "key"

  site_config {}
}
