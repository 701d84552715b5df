param location string = 'westeurope'
param externalSubnetId string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'vnet-shared'
}

resource dataSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'data'
  properties: {
    addressPrefix: '10.0.1.0/24'
    serviceEndpoints: [
      { service: 'Microsoft.Storage' }
      { service: 'Microsoft.AzureCosmosDB' }
    ]
  }
}

// declared `existing`: its endpoints are not in these files, so undecided
resource sharedSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: vnet
  name: 'shared'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stappdata'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    networkAcls: {
      defaultAction: 'Deny'
      virtualNetworkRules: [
        { id: dataSubnet.id, action: 'Allow' }
        { id: sharedSubnet.id, action: 'Allow' }
        { id: externalSubnetId, action: 'Allow' }
      ]
    }
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-app'
  location: location
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location }
    ]
    isVirtualNetworkFilterEnabled: true
    virtualNetworkRules: [
      { id: dataSubnet.id }
      { id: sharedSubnet.id, ignoreMissingVNetServiceEndpoint: true }
    ]
  }
}
