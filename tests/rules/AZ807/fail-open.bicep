param location string = 'westeurope'
param names array = [
  'stlogs'
  'stdata'
]

resource accounts 'Microsoft.Storage/storageAccounts@2023-05-01' = [for name in names: {
  name: name
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    networkAcls: {
      defaultAction: 'Allow' // expect: AZ807
    }
  }
}]

resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-app'
  location: location
  sku: {
    name: 'Premium'
    capacity: 1
  }
  properties: {
    publicNetworkAccess: 'Enabled' // expect: AZ807
  }

  resource rules 'networkRuleSets' = {
    name: 'default'
    properties: {
      defaultAction: 'Allow'
    }
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: location
  properties: {
    administratorLogin: 'sqladmin'
  }
}

resource everyone 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sql
  name: 'everyone'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '255.255.255.255' // expect: AZ807
  }
}
