param location string = 'westeurope'
param instanceCount int = 1

resource web 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: 'vmss-web'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: instanceCount // expect: AZ809
  }
  properties: {
    orchestrationMode: 'Uniform'
  }
}

resource api 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: 'vmss-api'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: 4
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
          minimum: '1' // expect: AZ809
          maximum: '4'
          default: '2'
        }
        rules: []
      }
    ]
  }
}
