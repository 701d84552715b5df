param location string = resourceGroup().location
param workspaceId string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stapp'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }

  resource blob 'blobServices' = {
    name: 'default'
  }
}

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'blob-logs'
  scope: storage::blob
  properties: {
    workspaceId: workspaceId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource vaultLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [{ categoryGroup: 'audit', enabled: true }]
  }
}

resource pips 'Microsoft.Network/publicIPAddresses@2024-05-01' = [for i in range(0, 2): {
  name: 'pip-app-${i}'
  location: location
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}]

resource pipLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = [for i in range(0, 2): {
  name: 'to-workspace'
  scope: pips[i]
  properties: {
    workspaceId: workspaceId
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}]
