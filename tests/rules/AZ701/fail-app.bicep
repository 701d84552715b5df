param location string = resourceGroup().location

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-web'
  location: location
  sku: { name: 'P1v3', capacity: 2 }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-web'
  location: location
  properties: {
    serverFarmId: plan.id
    siteConfig: {
      appSettings: [ // expect: AZ701
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ]
    }
  }
}
