targetScope = 'managementGroup'

param enforcementMode string

resource staged 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'staged-deny'
  properties: {
    policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9'
    enforcementMode: 'DoNotEnforce'
    parameters: {
      effect: {
        value: 'Deny'
      }
    }
  }
}

// enforcement mode from a parameter without a value: undecided, not reported
resource fromParameter 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'from-parameter'
  properties: {
    policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9'
    enforcementMode: enforcementMode
    parameters: {
      effect: {
        value: 'Deny'
      }
    }
  }
}
