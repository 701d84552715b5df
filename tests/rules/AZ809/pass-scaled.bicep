param location string = 'westeurope'
param instanceCount int

resource web 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: 'vmss-web'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: 2
  }
  properties: {
    orchestrationMode: 'Uniform'
  }
}

// undecided: the count is a parameter without a value
resource batch 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: 'vmss-batch'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: instanceCount
  }
  properties: {
    orchestrationMode: 'Uniform'
  }
}

// one instance, but an autoscale setting (not disabled) owns the count
resource api 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: 'vmss-api'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: 1
  }
  properties: {
    orchestrationMode: 'Uniform'
  }
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: 'autoscale-api'
  location: location
  properties: {
    enabled: true
    targetResourceUri: api.id
    profiles: [
      {
        name: 'default'
        capacity: {
          minimum: '2'
          maximum: '6'
          default: '2'
        }
        rules: []
      }
    ]
  }
}
