targetScope = 'managementGroup'

param effect string = 'Deny'

resource denyPublicIp 'Microsoft.Authorization/policyDefinitions@2023-04-01' = {
  name: 'deny-public-ip'
  properties: {
    policyType: 'Custom'
    mode: 'All'
    description: 'No public IP addresses.'
    metadata: {
      category: 'Network'
    }
    parameters: {
      effect: {
        type: 'String'
        defaultValue: 'Audit'
      }
    }
    policyRule: {
      if: {
        field: 'type'
        equals: 'Microsoft.Network/publicIPAddresses'
      }
      then: {
        effect: '[parameters(\'effect\')]'
      }
    }
  }
}

resource assignment 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'deny-public-ip'
  properties: {
    policyDefinitionId: denyPublicIp.id
    parameters: {
      effect: {
        value: effect // expect: AZ302
      }
    }
  }
}
