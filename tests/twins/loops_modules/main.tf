# Loops and modules: `dynamic` rule blocks over a map, `count` and `for_each` instances, a local module;
# the ARM twin uses a property copy loop, resource copy loops and a nested deployment.
variable "rules" {
  type = map(object({ priority = number, port = string, source = string }))
  default = {
    ssh   = { priority = 100, port = "22", source = "*" }
    https = { priority = 110, port = "443", source = "*" }
    winrm = { priority = 120, port = "5985-5986", source = "10.0.0.0/8" }
  }
}

variable "sites" {
  type    = list(string)
  default = ["a", "b"]
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-loops"
  location = "westeurope"
}

# ssh open to any source: AZ804 (one finding per rule)
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-loops"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name

  dynamic "security_rule" {
    for_each = var.rules
    content {
      name                       = security_rule.key
      priority                   = security_rule.value.priority
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = security_rule.value.port
      source_address_prefix      = security_rule.value.source
      destination_address_prefix = "*"
    }
  }
}

resource "azurerm_public_ip" "site" {
  count               = length(var.sites)
  name                = "pip-${var.sites[count.index]}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_monitor_diagnostic_setting" "pip" {
  for_each                   = { for i, ip in azurerm_public_ip.site : var.sites[i] => ip.id }
  name                       = "diag-${each.key}"
  target_resource_id         = each.value
  log_analytics_workspace_id = module.storage.workspace_id

  enabled_log {
    category_group = "allLogs"
  }
}

module "storage" {
  source   = "./modules/storage"
  name     = "stloops"
  location = azurerm_resource_group.rg.location
  rg_name  = azurerm_resource_group.rg.name
}
