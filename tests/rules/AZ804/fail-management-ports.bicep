param rdpPort string = '3389'
var anywhere = 'Internet'
var adminRules = [
  { name: 'allow-winrm', port: '5985-5986', priority: 300 }
]

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-bastion'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: anywhere
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22' // expect: AZ804
        }
      }
    ]
  }
}

resource rdp 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = {
  parent: nsg
  name: 'allow-rdp'
  properties: {
    priority: 110
    direction: 'Inbound'
    access: 'Allow'
    protocol: '*'
    sourceAddressPrefixes: ['10.0.0.0/8', '0.0.0.0/0']
    sourcePortRange: '*'
    destinationAddressPrefix: '*'
    destinationPortRange: rdpPort // expect: AZ804
  }
}

resource looped 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = [for rule in adminRules: {
  parent: nsg
  name: rule.name
  properties: {
    priority: rule.priority
    direction: 'Inbound'
    access: 'Allow'
    protocol: 'Tcp'
    sourceAddressPrefix: '*'
    sourcePortRange: '*'
    destinationAddressPrefix: '*'
    destinationPortRange: rule.port // expect: AZ804
  }
}]
