param targetResourceId string
param storageId string

resource flowLog 'Microsoft.Network/networkWatchers/flowLogs@2024-05-01' = {
  name: 'NetworkWatcher_westeurope/subnet-web'
  location: 'westeurope'
  properties: {
    targetResourceId: targetResourceId
    storageId: storageId
    enabled: true
    retentionPolicy: { days: 90, enabled: true }
  }
}
