resource "azurerm_network_ddos_protection_plan" "main" {
  name                = "ddos-plan"
  location            = "westeurope"
  resource_group_name = "rg-net"
}

resource "azurerm_virtual_network" "hub" { # expect: AZ808
  name                = "vnet-hub"
  location            = "westeurope"
  resource_group_name = "rg-net"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-spoke"
  location            = "westeurope"
  resource_group_name = "rg-net"
  address_space       = ["10.1.0.0/16"]

  ddos_protection_plan {
    id     = azurerm_network_ddos_protection_plan.main.id
    enable = false # expect: AZ808
  }
}
