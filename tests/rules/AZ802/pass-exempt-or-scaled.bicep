param location string = 'westeurope'
param skuName string

resource consumption 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-functions'
  location: location
  sku: {
    name: 'Y1'
    tier: 'Dynamic'
  }
}

resource scaled 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-web'
  location: location
  sku: {
    name: 'P1v3'
    capacity: 2
  }
}

// undecided: the SKU (maybe a consumption plan) is a parameter without a value
resource anySku 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-any'
  location: location
  sku: {
    name: skuName
  }
}

// no count, but autoscale owns it
resource autoscaled 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-autoscaled'
  location: location
  sku: {
    name: 'S1'
    tier: 'Standard'
  }
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: 'autoscale-plan'
  location: location
  properties: {
    enabled: true
    targetResourceUri: autoscaled.id
    profiles: [
      {
        name: 'default'
        capacity: {
          minimum: '2'
          maximum: '4'
          default: '2'
        }
        rules: []
      }
    ]
  }
}
