variable "external_subnet_id" {
  type = string
}

resource "azurerm_network_security_group" "web" {
  name                = "nsg-web"
  location            = "westeurope"
  resource_group_name = "rg-app"
}

resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "guarded" {
  name                 = "guarded"
  resource_group_name  = "rg-app"
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_subnet_network_security_group_association" "guarded" {
  subnet_id                 = azurerm_subnet.guarded.id
  network_security_group_id = azurerm_network_security_group.web.id
}

resource "azurerm_subnet" "open" {
  name                 = "open"
  resource_group_name  = "rg-app"
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.0.2.0/24"]
}

resource "azurerm_public_ip" "web" {
  count               = 3
  name                = "pip-web-${count.index}"
  location            = "westeurope"
  resource_group_name = "rg-app"
  allocation_method   = "Static"
}

# NSG on the subnet, through an association resource.
resource "azurerm_network_interface" "on_guarded_subnet" {
  name                = "nic-guarded"
  location            = "westeurope"
  resource_group_name = "rg-app"

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.guarded.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.web[0].id
  }
}

# NSG on the NIC, through an association resource.
resource "azurerm_network_interface" "with_nic_nsg" {
  name                = "nic-with-nsg"
  location            = "westeurope"
  resource_group_name = "rg-app"

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.open.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.web[1].id
  }
}

resource "azurerm_network_interface_security_group_association" "with_nic_nsg" {
  network_interface_id      = azurerm_network_interface.with_nic_nsg.id
  network_security_group_id = azurerm_network_security_group.web.id
}

# Subnet from outside the configuration: undecided, not reported.
resource "azurerm_network_interface" "external_subnet" {
  name                = "nic-external"
  location            = "westeurope"
  resource_group_name = "rg-app"

  ip_configuration {
    name                          = "internal"
    subnet_id                     = var.external_subnet_id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.web[2].id
  }
}
