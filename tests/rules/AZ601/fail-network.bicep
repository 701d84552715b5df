param location string = resourceGroup().location

// expect: AZ601
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-app'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
      { name: 'web', properties: { addressPrefix: '10.0.0.0/24' } }
    ]
  }
}
