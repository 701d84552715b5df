# Scale set twin: Linux (default instance count), Windows, orchestrated (Flexible) with a VM joining it,
# legacy scale sets, and an autoscale setting.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-vmss"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-vmss"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.3.0.0/16"]

  ddos_protection_plan {
    id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ddos/providers/Microsoft.Network/ddosProtectionPlans/ddos"
    enable = true
  }
}

resource "azurerm_subnet" "open" {
  name                 = "snet-open"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.3.1.0/24"]
}

resource "azurerm_network_security_group" "vmss" {
  name                = "nsg-vmss"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

# no `instances`: 0 (the provider's default) -> AZ809; public IP, no NSG anywhere -> AZ803
resource "azurerm_linux_virtual_machine_scale_set" "linux" {
  name                = "vmss-linux"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "Standard_D2s_v5"
  admin_username      = "azureuser"
  zones               = ["1", "2"]
  upgrade_mode        = "Rolling"

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAAB3NzaC1yc2E"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  network_interface {
    name    = "nic"
    primary = true

    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.open.id

      public_ip_address {
        name                    = "pip"
        idle_timeout_in_minutes = 15
      }
    }
  }
}

# 3 instances, NSG on the NIC configuration: passes; its autoscale setting scales in to 1 -> AZ809
resource "azurerm_windows_virtual_machine_scale_set" "windows" {
  name                 = "vmss-win"
  location             = azurerm_resource_group.rg.location
  resource_group_name  = azurerm_resource_group.rg.name
  sku                  = "Standard_D4s_v5"
  instances            = 3
  admin_username       = "azureadmin"
  admin_password       = "P@ssw0rd-not-real-1"
  computer_name_prefix = "win"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  network_interface {
    name                          = "nic"
    primary                       = true
    network_security_group_id     = azurerm_network_security_group.vmss.id
    enable_accelerated_networking = true

    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.open.id

      public_ip_address {
        name = "pip"
      }
    }
  }
}

resource "azurerm_monitor_autoscale_setting" "windows" {
  name                = "autoscale-win"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  target_resource_id  = azurerm_windows_virtual_machine_scale_set.windows.id

  profile {
    name = "default"
    capacity {
      default = 2
      minimum = 1
      maximum = 5
    }
  }
}

# Flexible, 1 instance and one VM joining it -> AZ809
resource "azurerm_orchestrated_virtual_machine_scale_set" "flex" {
  name                        = "vmss-flex"
  location                    = azurerm_resource_group.rg.location
  resource_group_name         = azurerm_resource_group.rg.name
  platform_fault_domain_count = 1
  sku_name                    = "Standard_D2s_v5"
  instances                   = 1
}

resource "azurerm_linux_virtual_machine" "member" {
  name                         = "vm-member"
  location                     = azurerm_resource_group.rg.location
  resource_group_name          = azurerm_resource_group.rg.name
  size                         = "Standard_D2s_v5"
  admin_username               = "azureuser"
  virtual_machine_scale_set_id = azurerm_orchestrated_virtual_machine_scale_set.flex.id
  platform_fault_domain        = 0
  network_interface_ids        = []

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

# legacy scale set with one instance -> AZ809
resource "azurerm_virtual_machine_scale_set" "legacy" {
  name                = "vmss-legacy"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  upgrade_policy_mode = "Manual"

  sku {
    name     = "Standard_B2s"
    tier     = "Standard"
    capacity = 1
  }

  network_profile {
    name    = "np"
    primary = true

    ip_configuration {
      name      = "ipc"
      primary   = true
      subnet_id = azurerm_subnet.open.id
    }
  }

  storage_profile_os_disk {
    name          = ""
    create_option = "FromImage"
  }

  os_profile {
    computer_name_prefix = "legacy"
    admin_username       = "azureuser"
  }
}
