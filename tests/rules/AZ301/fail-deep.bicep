targetScope = 'tenant'

param landingZones array = [
  'corp'
  'online'
]

resource contoso 'Microsoft.Management/managementGroups@2023-04-01' = {
  name: 'contoso'
  properties: {
    displayName: 'Contoso'
  }
}

resource lz 'Microsoft.Management/managementGroups@2023-04-01' = {
  name: 'contoso-landingzones'
  properties: {
    details: {
      parent: {
        id: contoso.id
      }
    }
  }
}

resource workloads 'Microsoft.Management/managementGroups@2023-04-01' = [for zone in landingZones: {
  name: 'contoso-${zone}'
  properties: {
    details: {
      parent: {
        id: lz.id // expect: AZ301
      }
    }
  }
}]
