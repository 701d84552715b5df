param externalSubnetId string

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-web'
  location: 'westeurope'
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
  }
}

resource guarded 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'guarded'
  properties: {
    addressPrefix: '10.0.1.0/24'
    networkSecurityGroup: {
      id: nsg.id
    }
  }
}

resource nicOnSubnet 'Microsoft.Network/networkInterfaces@2023-09-01' = {
  name: 'nic-guarded'
  location: 'westeurope'
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          subnet: {
            id: guarded.id
          }
          publicIPAddress: {
            id: resourceId('Microsoft.Network/publicIPAddresses', 'pip-1')
          }
        }
      }
    ]
  }
}

resource nicExternal 'Microsoft.Network/networkInterfaces@2023-09-01' = {
  name: 'nic-external'
  location: 'westeurope'
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          subnet: {
            id: externalSubnetId
          }
          publicIPAddress: {
            id: resourceId('Microsoft.Network/publicIPAddresses', 'pip-2')
          }
        }
      }
    ]
  }
}
