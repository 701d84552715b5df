# Values known only at deployment: Terraform variables without a default and ARM parameters without a
# default value are both unknown, so the same checks are undecided on both sides, never guessed.
variable "ssh_port" {
  type = string
}

variable "zone" {
  type = string
}

variable "storage_default_action" {
  type = string
}

variable "plan_workers" {
  type = number
}

variable "contact_phone" {
  type = string
}

variable "availability_set_id" {
  type = string
}

variable "instances" {
  type = number
}

variable "enforce" {
  type = bool
}

variable "open_all_ports" {
  type = bool
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-unknowns"
  location = "westeurope"
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-unknown"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name

  security_rule {
    name                       = "admin"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = var.ssh_port
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm-unknown-zone"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  zone                  = var.zone
  network_interface_ids = []

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_storage_account" "st" {
  name                     = "stunknown"
  location                 = azurerm_resource_group.rg.location
  resource_group_name      = azurerm_resource_group.rg.name
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action = var.storage_default_action
  }
}

resource "azurerm_service_plan" "plan" {
  name                = "plan-unknown"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  os_type             = "Linux"
  sku_name            = "P1v3"
  worker_count        = var.plan_workers
}

resource "azurerm_security_center_contact" "contact" {
  name                = "default1"
  email               = "secops@contoso.com"
  phone               = var.contact_phone
  alert_notifications = true
  alerts_to_admins    = true
}

resource "azurerm_windows_virtual_machine" "avset" {
  name                  = "vm-unknown-avset"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  size                  = "Standard_D2s_v5"
  admin_username        = "azureadmin"
  admin_password        = "P@ssw0rd-not-real-1"
  availability_set_id   = var.availability_set_id
  network_interface_ids = []

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_windows_virtual_machine_scale_set" "vmss" {
  name                 = "vmss-unknown"
  location             = azurerm_resource_group.rg.location
  resource_group_name  = azurerm_resource_group.rg.name
  sku                  = "Standard_D2s_v5"
  instances            = var.instances
  admin_username       = "azureadmin"
  admin_password       = "P@ssw0rd-not-real-1"
  computer_name_prefix = "vmss"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_resource_policy_assignment" "maybe_enforced" {
  name                 = "maybe-deny"
  resource_id          = azurerm_storage_account.st.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749"
  parameters           = jsonencode({ effect = { value = "Deny" } })
  enforce              = var.enforce
}

# deployed or not depending on a variable: the finding is undecided
resource "azurerm_network_security_rule" "maybe" {
  count                       = var.open_all_ports ? 1 : 0
  name                        = "all-ports"
  resource_group_name         = azurerm_resource_group.rg.name
  network_security_group_name = azurerm_network_security_group.nsg.name
  priority                    = 4000
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
}
