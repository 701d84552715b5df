param location string = resourceGroup().location
param prefix string = 'app'

// expect: AZ401
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${prefix}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

// expect: AZ401
resource pips 'Microsoft.Network/publicIPAddresses@2024-05-01' = [for i in range(0, 2): {
  name: 'pip-${prefix}-${i}'
  location: location
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}]

resource otherVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-shared'
}

// a setting on an existing vault covers nothing declared here
resource sharedVaultLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: otherVault
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law'
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
  }
}
