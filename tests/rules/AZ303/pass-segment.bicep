targetScope = 'tenant'

resource landingZones 'Microsoft.Management/managementGroups@2023-04-01' existing = {
  name: 'contoso-landingzones'
}

resource rootGroup 'Microsoft.Management/managementGroups@2023-04-01' existing = {
  name: tenant().tenantId
}

resource denyClassic 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'deny-classic'
  scope: landingZones
  properties: {
    policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749'
    parameters: {
      effect: {
        value: 'Deny'
      }
    }
  }
}

resource auditClassic 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'audit-classic'
  scope: rootGroup
  properties: {
    policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749'
    parameters: {
      effect: {
        value: 'Audit'
      }
    }
  }
}
