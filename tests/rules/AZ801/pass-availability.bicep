param availabilitySetId string

resource avset 'Microsoft.Compute/availabilitySets@2023-09-01' = {
  name: 'avset'
  location: 'westeurope'
  properties: {
    platformFaultDomainCount: 2
  }
}

resource inSet 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-in-set'
  location: 'westeurope'
  properties: {
    availabilitySet: {
      id: avset.id
    }
  }
}

resource zonal 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-zonal'
  location: 'westeurope'
  zones: ['1']
  properties: {}
}

resource undecided 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-undecided'
  location: 'westeurope'
  properties: {
    availabilitySet: {
      id: availabilitySetId
    }
  }
}
