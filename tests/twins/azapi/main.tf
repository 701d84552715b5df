# azapi twin: `azapi_resource` declares ARM resources 1:1 (v2 HCL bodies and v1 `jsonencode` bodies), a
# child resource under its parent id, an extension resource on its target, and `azapi_update_resource`
# patches a resource declared by azurerm.
resource "azurerm_resource_group" "rg" {
  name     = "rg-twin-azapi"
  location = "westeurope"
}

# an open management port: AZ804
resource "azapi_resource" "nsg" {
  type      = "Microsoft.Network/networkSecurityGroups@2023-09-01"
  name      = "nsg-azapi"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"

  body = {
    properties = {
      securityRules = [
        {
          name = "rdp"
          properties = {
            priority                 = 100
            direction                = "Inbound"
            access                   = "Allow"
            protocol                 = "Tcp"
            sourcePortRange          = "*"
            destinationPortRange     = "3389"
            sourceAddressPrefix      = "*"
            destinationAddressPrefix = "*"
          }
        }
      ]
    }
  }
}

# a child under its parent's id: every port open, AZ805
resource "azapi_resource" "all_ports" {
  type      = "Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01"
  name      = "all-ports"
  parent_id = azapi_resource.nsg.id

  body = jsonencode({
    properties = {
      priority                 = 200
      direction                = "Inbound"
      access                   = "Allow"
      protocol                 = "*"
      sourcePortRange          = "*"
      destinationPortRange     = "0-65535"
      sourceAddressPrefix      = "Internet"
      destinationAddressPrefix = "*"
    }
  })
}

# open to all networks: AZ807 (the patch below closes the other account)
resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv-azapi"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"

  body = jsonencode({
    properties = {
      tenantId                = "11111111-1111-1111-1111-111111111111"
      sku                     = { family = "A", name = "standard" }
      enableRbacAuthorization = true
    }
  })
}

resource "azapi_resource" "vault_diag" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "diag-kv"
  parent_id = azapi_resource.vault.id

  body = {
    properties = {
      workspaceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law"
      logs        = [{ categoryGroup = "audit", enabled = true }]
    }
  }
}

resource "azurerm_storage_account" "st" {
  name                     = "stazapi"
  location                 = azurerm_resource_group.rg.location
  resource_group_name      = azurerm_resource_group.rg.name
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azapi_update_resource" "st_deny" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = azurerm_storage_account.st.id

  body = {
    properties = {
      networkAcls = { defaultAction = "Deny", bypass = "AzureServices" }
    }
  }
}
