param networks array = [
  'vnet-a'
  'vnet-b'
]

resource flowLogs 'Microsoft.Network/networkWatchers/flowLogs@2024-05-01' = [for network in networks: {
  name: 'NetworkWatcher_westeurope/${network}'
  location: 'westeurope'
  properties: {
    targetResourceId: resourceId('Microsoft.Network/virtualNetworks', network)
    storageId: resourceId('Microsoft.Storage/storageAccounts', 'stflowlogs')
    enabled: true
    retentionPolicy: {
      days: 14 // expect: AZ602
      enabled: true
    }
  }
}]
