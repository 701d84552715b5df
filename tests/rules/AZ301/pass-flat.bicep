targetScope = 'tenant'

param parentId string

resource lz 'Microsoft.Management/managementGroups@2023-04-01' = {
  name: 'landingzones'
  properties: {
    details: {
      parent: {
        id: tenantResourceId('Microsoft.Management/managementGroups', tenant().tenantId)
      }
    }
  }
}

resource corp 'Microsoft.Management/managementGroups@2023-04-01' = {
  name: 'corp'
  properties: {
    details: {
      parent: {
        id: lz.id
      }
    }
  }
}

// the parent comes from a parameter without a value: undecided, not reported
resource team 'Microsoft.Management/managementGroups@2023-04-01' = {
  name: 'team'
  properties: {
    details: {
      parent: {
        id: parentId
      }
    }
  }
}
