param workspaceId string
param categoryGroups array = ['audit']

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource toWorkspace 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [for group in categoryGroups: {
      categoryGroup: group
      enabled: true
    }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}
