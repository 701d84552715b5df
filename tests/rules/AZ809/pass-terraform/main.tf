variable "instances" {
  type = number
}

resource "azurerm_linux_virtual_machine_scale_set" "web" {
  name                = "vmss-web"
  resource_group_name = "rg-app"
  location            = "westeurope"
  sku                 = "Standard_D2s_v5"
  instances           = 2
  admin_username      = "azureuser"
}

# the count is a variable without a value: undecided
resource "azurerm_windows_virtual_machine_scale_set" "api" {
  name                = "vmss-api"
  resource_group_name = "rg-app"
  location            = "westeurope"
  sku                 = "Standard_D2s_v5"
  instances           = var.instances
  admin_username      = "azureuser"
  admin_password      = "not-a-real-password-1!"
}

# no instances (provider default 0), but autoscale owns the count
resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  name                = "vmss-workers"
  resource_group_name = "rg-app"
  location            = "westeurope"
  sku                 = "Standard_D2s_v5"
  admin_username      = "azureuser"

  lifecycle {
    ignore_changes = [instances]
  }
}

resource "azurerm_monitor_autoscale_setting" "workers" {
  name                = "autoscale-workers"
  resource_group_name = "rg-app"
  location            = "westeurope"
  target_resource_id  = azurerm_linux_virtual_machine_scale_set.workers.id

  profile {
    name = "default"
    capacity {
      default = 2
      minimum = 2
      maximum = 10
    }
  }
}

# an orchestrated scale set without instances has no default count
resource "azurerm_orchestrated_virtual_machine_scale_set" "flex" {
  name                        = "vmss-flex"
  resource_group_name         = "rg-app"
  location                    = "westeurope"
  platform_fault_domain_count = 1
}
