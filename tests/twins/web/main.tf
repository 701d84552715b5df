# App Service twin: service plans (current and legacy resource), web and function apps with and without
# Application Insights, one app with a diagnostic setting. Function apps' storage settings are not
# mapped (no rule reads them), so the ARM twin leaves out the app settings azurerm derives from them.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-web"
  location = "westeurope"
}

# one worker: AZ802
resource "azurerm_service_plan" "single" {
  name                = "plan-single"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  os_type             = "Linux"
  sku_name            = "P1v3"
  worker_count        = 1
}

# no worker count written: AZ802 (unknown count)
resource "azurerm_service_plan" "unset" {
  name                = "plan-unset"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  os_type             = "Windows"
  sku_name            = "S1"
}

# zone redundant, three workers: passes
resource "azurerm_service_plan" "zonal" {
  name                   = "plan-zonal"
  location               = azurerm_resource_group.rg.location
  resource_group_name    = azurerm_resource_group.rg.name
  os_type                = "Linux"
  sku_name               = "P1v3"
  worker_count           = 3
  zone_balancing_enabled = true
}

# Consumption: exempt
resource "azurerm_service_plan" "functions" {
  name                = "plan-functions"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  os_type             = "Linux"
  sku_name            = "Y1"
}

# legacy resource, one instance: AZ802
resource "azurerm_app_service_plan" "legacy" {
  name                = "plan-legacy"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  kind                = "Windows"

  sku {
    tier     = "Standard"
    size     = "S1"
    capacity = 1
  }
}

# Application Insights through an app setting: passes AZ701
resource "azurerm_linux_web_app" "monitored" {
  name                          = "app-monitored"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  service_plan_id               = azurerm_service_plan.single.id
  https_only                    = true
  public_network_access_enabled = false

  app_settings = {
    APPLICATIONINSIGHTS_CONNECTION_STRING = "InstrumentationKey=00000000-0000-0000-0000-000000000000"
    WEBSITE_RUN_FROM_PACKAGE              = "1"
  }

  site_config {
    minimum_tls_version = "1.2"
    ftps_state          = "Disabled"
    always_on           = true
  }
}

resource "azurerm_monitor_diagnostic_setting" "monitored" {
  name                       = "diag-app"
  target_resource_id         = azurerm_linux_web_app.monitored.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law"

  enabled_log {
    category_group = "allLogs"
  }
}

# no Application Insights: AZ701
resource "azurerm_windows_web_app" "blind" {
  name                = "app-blind"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  service_plan_id     = azurerm_service_plan.unset.id

  site_config {}
}

# Application Insights through site_config: passes AZ701
resource "azurerm_linux_function_app" "monitored" {
  name                       = "func-monitored"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  service_plan_id            = azurerm_service_plan.functions.id
  storage_account_name       = "stfunctions"
  storage_account_access_key = "not-a-real-key"

  site_config {
    application_insights_connection_string = "InstrumentationKey=11111111-1111-1111-1111-111111111111"
  }
}

# instrumentation key through site_config: passes AZ701
resource "azurerm_windows_function_app" "keyed" {
  name                       = "func-keyed"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  service_plan_id            = azurerm_service_plan.unset.id
  storage_account_name       = "stfunctions"
  storage_account_access_key = "not-a-real-key"

  app_settings = {
    FUNCTIONS_WORKER_RUNTIME = "dotnet-isolated"
  }

  site_config {
    application_insights_key = "22222222-2222-2222-2222-222222222222"
  }
}

# legacy resource, instrumentation key app setting: passes AZ701
resource "azurerm_app_service" "legacy" {
  name                = "app-legacy"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id

  app_settings = {
    APPINSIGHTS_INSTRUMENTATIONKEY = "33333333-3333-3333-3333-333333333333"
  }
}
