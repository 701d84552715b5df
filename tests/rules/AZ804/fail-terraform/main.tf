variable "admin_ports" {
  type    = list(string)
  default = ["22", "3389"]
}

locals {
  anywhere = "Internet"
}

resource "azurerm_network_security_group" "bastion" {
  name                = "nsg-bastion"
  location            = "westeurope"
  resource_group_name = "rg-net"

  security_rule {
    name                       = "allow-ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22" # expect: AZ804
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  dynamic "security_rule" {
    for_each = { winrm = 200 }
    content {
      name                       = "allow-${security_rule.key}"
      priority                   = security_rule.value
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_ranges    = ["5985-5986"] # expect: AZ804
      source_address_prefix      = local.anywhere
      destination_address_prefix = "*"
    }
  }
}

resource "azurerm_network_security_rule" "rdp" {
  name                        = "allow-admin-ports"
  priority                    = 300
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_ranges     = var.admin_ports # expect: AZ804
  source_address_prefixes     = ["10.0.0.0/8", "0.0.0.0/0"]
  destination_address_prefix  = "*"
  resource_group_name         = "rg-net"
  network_security_group_name = azurerm_network_security_group.bastion.name
}
