param count int = 2

resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-lonely'
  location: 'westeurope'
  properties: { // expect: AZ801
    hardwareProfile: {
      vmSize: 'Standard_B2s'
    }
  }
}

resource vms 'Microsoft.Compute/virtualMachines@2023-09-01' = [for i in range(0, count): {
  name: 'vm-${i}'
  location: 'westeurope'
  properties: { // expect: AZ801
    hardwareProfile: {
      vmSize: 'Standard_B2s'
    }
  }
}]
