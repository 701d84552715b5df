resource nsgs 'Microsoft.Network/networkSecurityGroups@2023-09-01' = [for i in range(0, 2): {
  name: 'nsg-${i}'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-all'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*' // expect: AZ805
        }
      }
    ]
  }
}]

resource open 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-open'
  location: 'westeurope'

  resource fullRange 'securityRules' = {
    name: 'allow-full-range'
    properties: {
      priority: 110
      direction: 'Inbound'
      access: 'Allow'
      protocol: 'Tcp'
      sourceAddressPrefix: 'Internet'
      sourcePortRange: '*'
      destinationAddressPrefix: '*'
      destinationPortRanges: ['0-65535'] // expect: AZ805
    }
  }
}
