param retentionDays int

resource watcher 'Microsoft.Network/networkWatchers@2024-05-01' = {
  name: 'NetworkWatcher_westeurope'
  location: 'westeurope'

  resource hub 'flowLogs' = {
    name: 'vnet-hub'
    location: 'westeurope'
    properties: {
      targetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')
      storageId: resourceId('Microsoft.Storage/storageAccounts', 'stflowlogs')
      enabled: true
      retentionPolicy: { days: 365, enabled: true }
    }
  }

  resource spoke 'flowLogs' = {
    name: 'vnet-spoke'
    location: 'westeurope'
    properties: {
      targetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'vnet-spoke')
      storageId: resourceId('Microsoft.Storage/storageAccounts', 'stflowlogs')
      enabled: true
      retentionPolicy: { days: retentionDays, enabled: true }
    }
  }
}
