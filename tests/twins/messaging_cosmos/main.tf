# Cosmos DB, Service Bus and Event Hubs twin: open accounts and namespaces, virtual-network rules with and
# without the subnet's service endpoint, inline network rule sets and azurerm v3's separate one.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-messaging"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-msg"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.6.0.0/16"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.6.1.0/24"]
  service_endpoints    = ["Microsoft.ServiceBus", "Microsoft.EventHub", "Microsoft.AzureCosmosDB"]
}

resource "azurerm_subnet" "bare" {
  name                 = "snet-bare"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.6.2.0/24"]
}

# no filter at all: AZ807
resource "azurerm_cosmosdb_account" "open" {
  name                = "cosmos-open"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

# filtered, one rule on a subnet without the endpoint: AZ806
resource "azurerm_cosmosdb_account" "filtered" {
  name                              = "cosmos-filtered"
  location                          = azurerm_resource_group.rg.location
  resource_group_name               = azurerm_resource_group.rg.name
  offer_type                        = "Standard"
  public_network_access_enabled     = true
  is_virtual_network_filter_enabled = true
  ip_range_filter                   = ["203.0.113.10", "198.51.100.0/24"]

  consistency_policy {
    consistency_level = "Strong"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }

  virtual_network_rule {
    id = azurerm_subnet.bare.id
  }

  virtual_network_rule {
    id                                   = azurerm_subnet.endpoints.id
    ignore_missing_vnet_service_endpoint = false
  }
}

# Premium, default action Allow: AZ807; a rule on a subnet without the endpoint: AZ806
resource "azurerm_servicebus_namespace" "open" {
  name                = "sb-open"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "Premium"
  capacity            = 1

  network_rule_set {
    default_action           = "Allow"
    trusted_services_allowed = true
    ip_rules                 = ["203.0.113.0/24"]

    network_rules {
      subnet_id = azurerm_subnet.bare.id
    }
  }
}

# azurerm v3's separate rule set, default deny: passes
resource "azurerm_servicebus_namespace" "v3" {
  name                = "sb-v3"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "Premium"
  capacity            = 1
}

resource "azurerm_servicebus_namespace_network_rule_set" "v3" {
  namespace_id   = azurerm_servicebus_namespace.v3.id
  default_action = "Deny"

  network_rules {
    subnet_id                            = azurerm_subnet.endpoints.id
    ignore_missing_vnet_service_endpoint = false
  }
}

# Standard, default deny, a rule on a subnet without the endpoint: AZ806
resource "azurerm_eventhub_namespace" "denied" {
  name                = "evh-denied"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "Standard"
  capacity            = 2

  network_rulesets {
    default_action                 = "Deny"
    trusted_service_access_enabled = true

    ip_rule {
      ip_mask = "203.0.113.0/24"
      action  = "Allow"
    }

    virtual_network_rule {
      subnet_id = azurerm_subnet.bare.id
    }
  }
}

# public access disabled on the namespace: passes
resource "azurerm_eventhub_namespace" "closed" {
  name                          = "evh-closed"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  sku                           = "Standard"
  public_network_access_enabled = false
}
