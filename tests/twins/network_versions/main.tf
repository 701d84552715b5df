# azurerm v3 and v5 spellings of network and storage settings: v3 inline subnets' `address_prefix`,
# v3 `enable_*` switches, v3 `private_endpoint_network_policies_enabled`, v5 `service_endpoint` blocks,
# public IP details, subnet delegations.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-versions"
  location = "westeurope"
}

resource "azurerm_network_security_group" "web" {
  name                = "nsg-versions"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

# DDoS protection plan written but switched off: AZ808
resource "azurerm_virtual_network" "v3" {
  name                = "vnet-v3"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.10.0.0/16"]

  ddos_protection_plan {
    id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ddos/providers/Microsoft.Network/ddosProtectionPlans/ddos"
    enable = false
  }

  subnet {
    name           = "snet-inline"
    address_prefix = "10.10.1.0/24"
    security_group = azurerm_network_security_group.web.id
  }
}

resource "azurerm_subnet" "v5" {
  name                            = "snet-v5"
  resource_group_name             = azurerm_resource_group.rg.name
  virtual_network_name            = azurerm_virtual_network.v3.name
  address_prefixes                = ["10.10.2.0/24"]
  default_outbound_access_enabled = false

  service_endpoint {
    service   = "Microsoft.Storage"
    locations = ["westeurope", "northeurope"]
  }

  delegation {
    name = "web"
    service_delegation {
      name = "Microsoft.Web/serverFarms"
    }
  }
}

resource "azurerm_subnet" "v3" {
  name                                      = "snet-v3"
  resource_group_name                       = azurerm_resource_group.rg.name
  virtual_network_name                      = azurerm_virtual_network.v3.name
  address_prefixes                          = ["10.10.3.0/24"]
  private_endpoint_network_policies_enabled = true
  service_endpoints                         = ["Microsoft.KeyVault"]
}

resource "azurerm_public_ip" "detailed" {
  name                    = "pip-detailed"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  allocation_method       = "Static"
  sku                     = "Standard"
  sku_tier                = "Regional"
  ip_version              = "IPv4"
  idle_timeout_in_minutes = 10
  domain_name_label       = "versions-demo"
  ddos_protection_mode    = "VirtualNetworkInherited"
}

# public IP, no NSG on the NIC or its subnet: AZ803
resource "azurerm_network_interface" "v3" {
  name                          = "nic-v3"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  enable_ip_forwarding          = true
  enable_accelerated_networking = false

  ip_configuration {
    name                          = "primary"
    primary                       = true
    subnet_id                     = azurerm_subnet.v5.id
    private_ip_address_allocation = "Dynamic"
    private_ip_address_version    = "IPv4"
    public_ip_address_id          = azurerm_public_ip.detailed.id
  }
}

# v3 spellings, default deny, the subnet has the Microsoft.Storage endpoint: passes AZ806
resource "azurerm_storage_account" "v3" {
  name                      = "stversions"
  location                  = azurerm_resource_group.rg.location
  resource_group_name       = azurerm_resource_group.rg.name
  account_tier              = "Standard"
  account_replication_type  = "RAGRS"
  enable_https_traffic_only = true
  allow_blob_public_access  = false

  network_rules {
    default_action             = "Deny"
    virtual_network_subnet_ids = [azurerm_subnet.v5.id]
  }
}
