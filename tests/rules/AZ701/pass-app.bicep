param location string = resourceGroup().location
param extraSettings object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-web'
  location: location
  sku: { name: 'P1v3', capacity: 2 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-web'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-web'
  location: location
  properties: {
    serverFarmId: plan.id
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: {
      APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    }
  }
}

resource func 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-orders'
  location: location
  kind: 'functionapp'
  properties: {
    serverFarmId: plan.id
  }
}

// settings only known at deployment: undecided
resource funcSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: func
  name: 'appsettings'
  properties: union(extraSettings, { FUNCTIONS_EXTENSION_VERSION: '~4' })
}
