resource "azurerm_linux_virtual_machine" "app" { # expect: AZ801
  count                 = 2
  name                  = "vm-app-${count.index}"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureops"
  network_interface_ids = []

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_windows_virtual_machine" "legacy_app" { # expect: AZ801
  name                  = "vm-win"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureops"
  admin_password        = "not-a-real-password-1!"
  network_interface_ids = []
}
