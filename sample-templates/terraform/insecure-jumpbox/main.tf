# A jump box exposed the way azlint is meant to catch: RDP open to the
# Internet, a public IP on a NIC with no NSG, and a VM outside any
# availability set.

variable "location" {
  type    = string
  default = "westeurope"
}

resource "azurerm_resource_group" "jump" {
  name     = "rg-jump"
  location = var.location
}

resource "azurerm_network_security_group" "jump" {
  name                = "nsg-jump"
  location            = var.location
  resource_group_name = azurerm_resource_group.jump.name

  security_rule {
    name                       = "allow-rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_virtual_network" "jump" {
  name                = "vnet-jump"
  location            = var.location
  resource_group_name = azurerm_resource_group.jump.name
  address_space       = ["10.40.0.0/16"]
}

resource "azurerm_subnet" "servers" {
  name                 = "servers"
  resource_group_name  = azurerm_resource_group.jump.name
  virtual_network_name = azurerm_virtual_network.jump.name
  address_prefixes     = ["10.40.1.0/24"]
}

resource "azurerm_public_ip" "jump" {
  name                = "pip-jump"
  location            = var.location
  resource_group_name = azurerm_resource_group.jump.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_network_interface" "jump" {
  name                = "nic-jump"
  location            = var.location
  resource_group_name = azurerm_resource_group.jump.name

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.servers.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.jump.id
  }
}

resource "azurerm_windows_virtual_machine" "jump" {
  name                  = "vm-jump"
  resource_group_name   = azurerm_resource_group.jump.name
  location              = var.location
  size                  = "Standard_B2s"
  admin_username        = "azureops"
  admin_password        = var.admin_password
  network_interface_ids = [azurerm_network_interface.jump.id]

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
}

variable "admin_password" {
  type      = string
  sensitive = true
}
