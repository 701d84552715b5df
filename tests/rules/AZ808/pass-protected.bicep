param ddosPlanId string

resource plan 'Microsoft.Network/ddosProtectionPlans@2024-05-01' = {
  name: 'ddos-plan'
  location: 'westeurope'
}

resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
    enableDdosProtection: true
    ddosProtectionPlan: {
      id: plan.id
    }
  }
}

// the plan id comes from a parameter without a value: undecided, not a finding
resource spoke 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-spoke'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.1.0.0/16']
    }
    enableDdosProtection: !empty(ddosPlanId)
    ddosProtectionPlan: empty(ddosPlanId) ? null : {
      id: ddosPlanId
    }
  }
}
