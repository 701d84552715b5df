param location string = 'westeurope'
param environments array = [
  'dev'
  'prod'
]

resource web 'Microsoft.Web/serverfarms@2024-04-01' = [for env in environments: {
  name: 'plan-web-${env}'
  location: location
  sku: { // expect: AZ802
    name: 'P1v3'
    tier: 'PremiumV3'
  }
}]

resource api 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-api'
  location: location
  kind: 'linux'
  sku: {
    name: 'B1'
    capacity: 1 // expect: AZ802
  }
  properties: {
    reserved: true
  }
}
