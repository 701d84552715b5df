param targetResourceId string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } }
}

resource watcher 'Microsoft.Network/networkWatchers@2024-05-01' = {
  name: 'NetworkWatcher_westeurope'
  location: 'westeurope'

  resource vnetLog 'flowLogs' = {
    name: 'vnet-app'
    location: 'westeurope'
    properties: {
      targetResourceId: vnet.id
      storageId: resourceId('Microsoft.Storage/storageAccounts', 'stflowlogs')
      enabled: true
    }
  }

  resource otherLog 'flowLogs' = {
    name: 'from-parameter'
    location: 'westeurope'
    properties: {
      targetResourceId: targetResourceId
      storageId: resourceId('Microsoft.Storage/storageAccounts', 'stflowlogs')
      enabled: true
    }
  }
}
