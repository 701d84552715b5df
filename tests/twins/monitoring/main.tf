# Monitoring twin: diagnostic settings in the v5 (enabled_log/enabled_metric) and v3/v4 (log/metric with
# enabled and retention_policy) shapes, flow logs on an NSG and on a VNet, Application Insights.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-monitoring"
  location = "westeurope"
}

locals {
  workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law"
}

resource "azurerm_network_security_group" "logged" {
  name                = "nsg-logged"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_virtual_network" "logged" {
  name                = "vnet-logged"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.7.0.0/16"]
}

resource "azurerm_virtual_network" "nsg_logged" {
  name                = "vnet-nsg-logged"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.8.0.0/16"]

  subnet {
    name             = "snet-a"
    address_prefixes = ["10.8.1.0/24"]
    security_group   = azurerm_network_security_group.logged.id
  }
}

resource "azurerm_storage_account" "logs" {
  name                          = "stflowlogs"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}

# v5 shape with a destination: passes
resource "azurerm_monitor_diagnostic_setting" "nsg" {
  name                           = "diag-nsg"
  target_resource_id             = azurerm_network_security_group.logged.id
  log_analytics_workspace_id     = local.workspace_id
  log_analytics_destination_type = "Dedicated"

  enabled_log {
    category = "NetworkSecurityGroupEvent"
  }

  enabled_log {
    category_group = "allLogs"
  }
}

# v3/v4 shape, every category switched off: AZ402
resource "azurerm_monitor_diagnostic_setting" "storage_off" {
  name               = "diag-off"
  target_resource_id = azurerm_storage_account.logs.id
  storage_account_id = azurerm_storage_account.logs.id

  metric {
    category = "Transaction"
    enabled  = false

    retention_policy {
      enabled = true
      days    = 30
    }
  }

  log {
    category = "StorageRead"
    enabled  = false
  }
}

# no destination: AZ402
resource "azurerm_monitor_diagnostic_setting" "nowhere" {
  name               = "diag-nowhere"
  target_resource_id = azurerm_storage_account.logs.id

  metric {
    category = "Capacity"
  }
}

resource "azurerm_network_watcher" "nw" {
  name                = "nw-westeurope"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

# NSG flow log (retiring: AZ603) kept 30 days (AZ602)
resource "azurerm_network_watcher_flow_log" "nsg" {
  name                      = "fl-nsg"
  network_watcher_name      = azurerm_network_watcher.nw.name
  resource_group_name       = azurerm_resource_group.rg.name
  location                  = azurerm_resource_group.rg.location
  network_security_group_id = azurerm_network_security_group.logged.id
  storage_account_id        = azurerm_storage_account.logs.id
  enabled                   = true
  version                   = 2

  retention_policy {
    enabled = true
    days    = 30
  }
}

# VNet flow log with traffic analytics, a year of retention: passes
resource "azurerm_network_watcher_flow_log" "vnet" {
  name                 = "fl-vnet"
  network_watcher_name = azurerm_network_watcher.nw.name
  resource_group_name  = azurerm_resource_group.rg.name
  location             = azurerm_resource_group.rg.location
  target_resource_id   = azurerm_virtual_network.logged.id
  storage_account_id   = azurerm_storage_account.logs.id
  enabled              = true

  retention_policy {
    enabled = true
    days    = 365
  }

  traffic_analytics {
    enabled               = true
    workspace_id          = "00000000-0000-0000-0000-00000000aaaa"
    workspace_region      = "westeurope"
    workspace_resource_id = local.workspace_id
    interval_in_minutes   = 10
  }
}

# disabled flow log: AZ602
resource "azurerm_network_watcher_flow_log" "off" {
  name                 = "fl-off"
  network_watcher_name = azurerm_network_watcher.nw.name
  resource_group_name  = azurerm_resource_group.rg.name
  location             = azurerm_resource_group.rg.location
  target_resource_id   = azurerm_virtual_network.nsg_logged.id
  storage_account_id   = azurerm_storage_account.logs.id
  enabled              = false

  retention_policy {
    enabled = false
    days    = 0
  }
}

# a VNet covered only by a flow log on a NIC in it: passes AZ601 (the NIC's NSG is associated by its own resource)
resource "azurerm_virtual_network" "nic_logged" {
  name                = "vnet-nic-logged"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.11.0.0/16"]
}

resource "azurerm_subnet" "nic_logged" {
  name                 = "snet-nics"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.nic_logged.name
  address_prefixes     = ["10.11.1.0/24"]
}

resource "azurerm_network_security_group" "nic" {
  name                = "nsg-nic"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_network_interface" "logged" {
  name                = "nic-logged"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name

  ip_configuration {
    name                          = "ipconfig1"
    subnet_id                     = azurerm_subnet.nic_logged.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_network_interface_security_group_association" "logged" {
  network_interface_id      = azurerm_network_interface.logged.id
  network_security_group_id = azurerm_network_security_group.nic.id
}

resource "azurerm_network_watcher_flow_log" "nic" {
  name                 = "fl-nic"
  network_watcher_name = azurerm_network_watcher.nw.name
  resource_group_name  = azurerm_resource_group.rg.name
  location             = azurerm_resource_group.rg.location
  target_resource_id   = azurerm_network_interface.logged.id
  storage_account_id   = azurerm_storage_account.logs.id
  enabled              = true
}

resource "azurerm_application_insights" "web" {
  name                = "appi-web"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  application_type    = "web"
  workspace_id        = local.workspace_id
}
