param location string = resourceGroup().location
param storageId string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-app'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
  }

  resource web 'subnets' = {
    name: 'web'
    properties: { addressPrefix: '10.0.0.0/24' }
  }
}

resource watcher 'Microsoft.Network/networkWatchers@2024-05-01' existing = {
  name: 'NetworkWatcher_westeurope'
  scope: resourceGroup('NetworkWatcherRG')
}

module flowLog 'modules/flowlog.bicep' = {
  name: 'flow-log'
  scope: resourceGroup('NetworkWatcherRG')
  params: {
    targetResourceId: vnet::web.id
    storageId: storageId
  }
}
