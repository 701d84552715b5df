# Web VMs in an availability set behind a subnet NSG that only admits HTTPS
# from the Internet, with DDoS protection, a VNet flow log and diagnostic
# settings on the NSG.

variable "location" {
  type    = string
  default = "westeurope"
}

variable "vm_count" {
  type    = number
  default = 2
}

variable "workspace_id" {
  type = string
}

variable "ddos_protection_plan_id" {
  type = string
}

variable "flow_log_storage_account_id" {
  type = string
}

variable "ssh_public_key" {
  type = string
}

resource "azurerm_resource_group" "web" {
  name     = "rg-web"
  location = var.location
}

resource "azurerm_network_security_group" "web" {
  name                = "nsg-web"
  location            = var.location
  resource_group_name = azurerm_resource_group.web.name

  security_rule {
    name                       = "allow-https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_monitor_diagnostic_setting" "nsg" {
  name                       = "nsg-to-workspace"
  target_resource_id         = azurerm_network_security_group.web.id
  log_analytics_workspace_id = var.workspace_id

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_virtual_network" "web" {
  name                = "vnet-web"
  location            = var.location
  resource_group_name = azurerm_resource_group.web.name
  address_space       = ["10.50.0.0/16"]

  ddos_protection_plan {
    id     = var.ddos_protection_plan_id
    enable = true
  }
}

resource "azurerm_network_watcher_flow_log" "web" {
  name                 = "vnet-web-flows"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_virtual_network.web.id
  storage_account_id   = var.flow_log_storage_account_id
  enabled              = true

  retention_policy {
    enabled = true
    days    = 90
  }
}

resource "azurerm_subnet" "web" {
  name                 = "web"
  resource_group_name  = azurerm_resource_group.web.name
  virtual_network_name = azurerm_virtual_network.web.name
  address_prefixes     = ["10.50.1.0/24"]
}

resource "azurerm_subnet_network_security_group_association" "web" {
  subnet_id                 = azurerm_subnet.web.id
  network_security_group_id = azurerm_network_security_group.web.id
}

resource "azurerm_availability_set" "web" {
  name                = "avset-web"
  location            = var.location
  resource_group_name = azurerm_resource_group.web.name
}

resource "azurerm_network_interface" "web" {
  count               = var.vm_count
  name                = "nic-web-${count.index}"
  location            = var.location
  resource_group_name = azurerm_resource_group.web.name

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.web.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_linux_virtual_machine" "web" {
  count                 = var.vm_count
  name                  = "vm-web-${count.index}"
  resource_group_name   = azurerm_resource_group.web.name
  location              = var.location
  size                  = "Standard_D2s_v5"
  admin_username        = "azureops"
  availability_set_id   = azurerm_availability_set.web.id
  network_interface_ids = [azurerm_network_interface.web[count.index].id]

  admin_ssh_key {
    username   = "azureops"
    public_key = var.ssh_public_key
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
}
