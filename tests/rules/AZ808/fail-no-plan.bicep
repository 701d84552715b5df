param spokes array = [
  'a'
  'b'
]

resource plan 'Microsoft.Network/ddosProtectionPlans@2024-05-01' = {
  name: 'ddos-plan'
  location: 'westeurope'
}

resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: { // expect: AZ808
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
  }
}

resource spoke 'Microsoft.Network/virtualNetworks@2024-05-01' = [for (s, i) in spokes: {
  name: 'vnet-spoke-${s}'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.${i + 1}.0.0/16']
    }
    enableDdosProtection: false // expect: AZ808
    ddosProtectionPlan: {
      id: plan.id
    }
  }
}]
