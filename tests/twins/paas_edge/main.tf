# Edge and platform twin: private endpoints (automatic and manual approval) that close PaaS resources to
# public networks, container registries and Cognitive Services accounts with their network rules, a load
# balancer, resource types AZ401 checks for diagnostic settings whose mapping carries only location, tags
# and identity (application gateway, firewall, Bastion, AKS), and the remaining function app resources.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-edge"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-edge"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.9.0.0/16"]

  ddos_protection_plan {
    id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ddos/providers/Microsoft.Network/ddosProtectionPlans/ddos"
    enable = true
  }
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.9.1.0/24"]
}

# open network rules, but reached through a private endpoint: passes AZ807
resource "azurerm_storage_account" "private" {
  name                     = "stprivate"
  location                 = azurerm_resource_group.rg.location
  resource_group_name      = azurerm_resource_group.rg.name
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "storage" {
  name                = "pe-stprivate"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.private.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_key_vault" "private" {
  name                      = "kv-private"
  location                  = azurerm_resource_group.rg.location
  resource_group_name       = azurerm_resource_group.rg.name
  tenant_id                 = "11111111-1111-1111-1111-111111111111"
  sku_name                  = "standard"
  enable_rbac_authorization = true
}

# a connection that waits for the vault owner's approval
resource "azurerm_private_endpoint" "vault" {
  name                = "pe-kv-private"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "vault"
    private_connection_resource_id = azurerm_key_vault.private.id
    subresource_names              = ["vault"]
    is_manual_connection           = true
    request_message                = "Platform team: please approve."
  }
}

resource "azurerm_public_ip" "lb" {
  name                = "pip-lb"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_lb" "web" {
  name                = "lb-web"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "Standard"

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.lb.id
  }
}

resource "azurerm_application_gateway" "web" {
  name                = "agw-web"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  tags                = { tier = "edge" }

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }
}

resource "azurerm_firewall" "hub" {
  name                = "afw-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
}

resource "azurerm_bastion_host" "hub" {
  name                = "bas-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-apps"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "aks-apps"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

# Premium without network rules: AZ807
resource "azurerm_container_registry" "acr" {
  name                = "acredge"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "Premium"
}

# default deny; a subnet without the Microsoft.ContainerRegistry endpoint (azurerm v3's `virtual_network`): AZ806
resource "azurerm_container_registry" "closed" {
  name                       = "acrclosed"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  sku                        = "Premium"
  admin_enabled              = false
  network_rule_bypass_option = "AzureServices"

  network_rule_set {
    default_action = "Deny"

    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }

    virtual_network {
      action    = "Allow"
      subnet_id = azurerm_subnet.endpoints.id
    }
  }
}

# default allow: AZ807
resource "azurerm_cognitive_account" "open" {
  name                = "cog-open"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  kind                = "OpenAI"
  sku_name            = "S0"

  network_acls {
    default_action = "Allow"
  }
}

# default deny, a subnet without the Microsoft.CognitiveServices endpoint: AZ806
resource "azurerm_cognitive_account" "closed" {
  name                  = "cog-closed"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "TextAnalytics"
  sku_name              = "S"
  custom_subdomain_name = "cog-closed"

  network_acls {
    default_action = "Deny"
    ip_rules       = ["198.51.100.7"]

    virtual_network_rules {
      subnet_id = azurerm_subnet.endpoints.id
    }
  }
}

resource "azurerm_service_plan" "flex" {
  name                = "plan-flex"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  os_type             = "Linux"
  sku_name            = "FC1"
}

# no Application Insights: AZ701
resource "azurerm_function_app_flex_consumption" "flex" {
  name                = "func-flex"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  service_plan_id     = azurerm_service_plan.flex.id
  runtime_name        = "python"
  runtime_version     = "3.11"
}

# legacy resource with an instrumentation key setting: passes AZ701
resource "azurerm_function_app" "legacy" {
  name                = "func-legacy"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  app_service_plan_id = azurerm_service_plan.flex.id

  app_settings = {
    APPINSIGHTS_INSTRUMENTATIONKEY = "44444444-4444-4444-4444-444444444444"
  }
}
