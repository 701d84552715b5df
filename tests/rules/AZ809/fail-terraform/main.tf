resource "azurerm_linux_virtual_machine_scale_set" "web" { # expect: AZ809
  name                = "vmss-web"
  resource_group_name = "rg-app"
  location            = "westeurope"
  sku                 = "Standard_D2s_v5"
  admin_username      = "azureuser"
}

resource "azurerm_windows_virtual_machine_scale_set" "api" {
  name                = "vmss-api"
  resource_group_name = "rg-app"
  location            = "westeurope"
  sku                 = "Standard_D2s_v5"
  instances           = 1 # expect: AZ809
  admin_username      = "azureuser"
  admin_password      = "not-a-real-password-1!"
}

resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  name                = "vmss-workers"
  resource_group_name = "rg-app"
  location            = "westeurope"
  sku                 = "Standard_D2s_v5"
  instances           = 2
  admin_username      = "azureuser"
}

resource "azurerm_monitor_autoscale_setting" "workers" {
  name                = "autoscale-workers"
  resource_group_name = "rg-app"
  location            = "westeurope"
  target_resource_id  = azurerm_linux_virtual_machine_scale_set.workers.id

  profile {
    name = "default"
    capacity {
      default = 1
      minimum = 1 # expect: AZ809
      maximum = 5
    }
  }
}
