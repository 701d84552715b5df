param workspaceId string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource noDestination 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-nowhere'
  scope: vault
  properties: { // expect: AZ402
    workspaceId: empty(workspaceId) ? null : workspaceId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
  }
}

resource allOff 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'all-off'
  scope: vault
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law'
    logs: [for group in ['audit', 'allLogs']: {
      categoryGroup: group
      enabled: false // expect: AZ402
    }]
  }
}
