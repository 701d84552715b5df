param location string = 'westeurope'

var dataServices = [
  'Microsoft.Storage'
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-app'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
    subnets: [
      {
        name: 'data'
        properties: {
          addressPrefix: '10.0.1.0/24'
          serviceEndpoints: [for s in dataServices: { service: s }]
        }
      }
    ]
  }
}

resource appSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'app'
  properties: {
    addressPrefix: '10.0.2.0/24'
  }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    networkAcls: {
      defaultAction: 'Deny'
      virtualNetworkRules: [
        {
          id: vnet.properties.subnets[0].id // expect: AZ806
        }
        {
          id: appSubnet.id // expect: AZ806
        }
      ]
    }
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: location
  properties: {
    administratorLogin: 'sqladmin'
  }

  resource rule 'virtualNetworkRules' = {
    name: 'allow-app'
    properties: {
      virtualNetworkSubnetId: appSubnet.id // expect: AZ806
    }
  }
}
