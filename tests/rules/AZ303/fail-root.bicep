targetScope = 'tenant'

resource rootGroup 'Microsoft.Management/managementGroups@2023-04-01' existing = {
  name: tenant().tenantId
}

resource denyClassic 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'deny-classic'
  scope: rootGroup
  properties: {
    policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749'
    parameters: {
      effect: {
        value: 'Deny' // expect: AZ303
      }
    }
  }
}
