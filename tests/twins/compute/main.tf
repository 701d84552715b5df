# Compute twin: Linux, Windows and legacy virtual machines, an availability set.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-compute"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-compute"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.2.0.0/16"]
}

resource "azurerm_subnet" "vms" {
  name                 = "snet-vms"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.2.1.0/24"]
}

resource "azurerm_network_interface" "nic" {
  for_each            = toset(["zonal", "single", "legacy"])
  name                = "nic-${each.key}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name

  ip_configuration {
    name                          = "ipconfig1"
    subnet_id                     = azurerm_subnet.vms.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_availability_set" "web" {
  name                         = "avset-web"
  location                     = azurerm_resource_group.rg.location
  resource_group_name          = azurerm_resource_group.rg.name
  platform_fault_domain_count  = 2
  platform_update_domain_count = 5
  managed                      = true
}

# zonal: passes AZ801
resource "azurerm_linux_virtual_machine" "zonal" {
  name                            = "vm-zonal"
  location                        = azurerm_resource_group.rg.location
  resource_group_name             = azurerm_resource_group.rg.name
  size                            = "Standard_D2s_v5"
  zone                            = "1"
  admin_username                  = "azureuser"
  disable_password_authentication = true
  encryption_at_host_enabled      = true
  network_interface_ids           = [azurerm_network_interface.nic["zonal"].id]

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAAB3NzaC1yc2E"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }

  boot_diagnostics {}
}

# no availability set, scale set or zone: AZ801
resource "azurerm_windows_virtual_machine" "single" {
  name                  = "vm-single"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  size                  = "Standard_D4s_v5"
  admin_username        = "azureadmin"
  admin_password        = "P@ssw0rd-not-real-1"
  computer_name         = "single01"
  network_interface_ids = [azurerm_network_interface.nic["single"].id]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }

  boot_diagnostics {
    storage_account_uri = "https://stdiag.blob.core.windows.net/"
  }
}

# legacy resource in an availability set: passes AZ801
resource "azurerm_virtual_machine" "legacy" {
  name                  = "vm-legacy"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  vm_size               = "Standard_B2s"
  availability_set_id   = azurerm_availability_set.web.id
  network_interface_ids = [azurerm_network_interface.nic["legacy"].id]

  storage_os_disk {
    name              = "osdisk-legacy"
    caching           = "ReadWrite"
    create_option     = "FromImage"
    managed_disk_type = "Standard_LRS"
  }

  os_profile {
    computer_name  = "legacy01"
    admin_username = "azureuser"
  }

  os_profile_linux_config {
    disable_password_authentication = false
  }
}
