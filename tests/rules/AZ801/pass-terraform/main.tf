variable "availability_set_id" {
  type = string
}

resource "azurerm_availability_set" "web" {
  name                = "avset-web"
  location            = "westeurope"
  resource_group_name = "rg-app"
}

resource "azurerm_linux_virtual_machine" "in_set" {
  count                 = 2
  name                  = "vm-web-${count.index}"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureops"
  availability_set_id   = azurerm_availability_set.web.id
  network_interface_ids = []
}

resource "azurerm_linux_virtual_machine" "zonal" {
  name                  = "vm-zonal"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureops"
  zone                  = "1"
  network_interface_ids = []
}

resource "azurerm_linux_virtual_machine" "undecided" {
  name                  = "vm-undecided"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureops"
  availability_set_id   = var.availability_set_id
  network_interface_ids = []
}
