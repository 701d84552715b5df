# Storage and Key Vault twin: network rules inline and as a separate resource, virtual-network rules
# with and without the subnet's service endpoint, a diagnostic setting on one account.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-data"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-data"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.4.0.0/16"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.4.1.0/24"]
  service_endpoints    = ["Microsoft.Storage", "Microsoft.KeyVault"]
}

resource "azurerm_subnet" "bare" {
  name                 = "snet-bare"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.4.2.0/24"]
}

# open to all networks: AZ807; no diagnostic setting: AZ401
resource "azurerm_storage_account" "open" {
  name                     = "stopen"
  location                 = azurerm_resource_group.rg.location
  resource_group_name      = azurerm_resource_group.rg.name
  account_kind             = "StorageV2"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_2"
}

# default deny, a subnet without the Microsoft.Storage endpoint: AZ806
resource "azurerm_storage_account" "inline" {
  name                            = "stinline"
  location                        = azurerm_resource_group.rg.location
  resource_group_name             = azurerm_resource_group.rg.name
  account_kind                    = "StorageV2"
  account_tier                    = "Premium"
  account_replication_type        = "ZRS"
  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
  public_network_access_enabled   = true
  tags                            = { data = "confidential" }

  identity {
    type = "SystemAssigned"
  }

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices", "Logging"]
    ip_rules                   = ["203.0.113.0/24"]
    virtual_network_subnet_ids = [azurerm_subnet.bare.id]
  }
}

resource "azurerm_monitor_diagnostic_setting" "inline" {
  name                       = "diag-stinline"
  target_resource_id         = azurerm_storage_account.inline.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law"

  enabled_metric {
    category = "Transaction"
  }
}

# rules in their own resource, subnet with the endpoint: passes AZ806/AZ807
resource "azurerm_storage_account" "separate" {
  name                          = "stseparate"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  account_tier                  = "Standard"
  account_replication_type      = "GRS"
  public_network_access_enabled = true
}

resource "azurerm_storage_account_network_rules" "separate" {
  storage_account_id         = azurerm_storage_account.separate.id
  default_action             = "Deny"
  bypass                     = ["AzureServices"]
  virtual_network_subnet_ids = [azurerm_subnet.endpoints.id]
}

# public network access disabled: passes AZ807
resource "azurerm_key_vault" "closed" {
  name                          = "kv-closed"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  tenant_id                     = "11111111-1111-1111-1111-111111111111"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  rbac_authorization_enabled    = true
  public_network_access_enabled = false
}

# default allow: AZ807; a subnet with the endpoint, one without: AZ806 once
resource "azurerm_key_vault" "open" {
  name                      = "kv-open"
  location                  = azurerm_resource_group.rg.location
  resource_group_name       = azurerm_resource_group.rg.name
  tenant_id                 = "11111111-1111-1111-1111-111111111111"
  sku_name                  = "standard"
  enable_rbac_authorization = true

  network_acls {
    default_action             = "Allow"
    bypass                     = "AzureServices"
    ip_rules                   = ["198.51.100.7"]
    virtual_network_subnet_ids = [azurerm_subnet.endpoints.id, azurerm_subnet.bare.id]
  }
}
