resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-web'
  location: 'westeurope'
}

resource watcher 'Microsoft.Network/networkWatchers@2024-05-01' = {
  name: 'NetworkWatcher_westeurope'
  location: 'westeurope'
}

resource nsgFlowLog 'Microsoft.Network/networkWatchers/flowLogs@2023-09-01' = {
  parent: watcher
  name: 'nsg-web'
  location: 'westeurope'
  properties: {
    targetResourceId: nsg.id // expect: AZ603
    storageId: resourceId('Microsoft.Storage/storageAccounts', 'stflowlogs')
    enabled: true
  }
}
