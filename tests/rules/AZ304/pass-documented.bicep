targetScope = 'managementGroup'

param policyDescription string

resource denyPublicBlob 'Microsoft.Authorization/policyDefinitions@2023-04-01' = {
  name: 'deny-public-blob'
  properties: {
    policyType: 'Custom'
    mode: 'Indexed'
    displayName: 'Deny public blob access'
    description: 'Data standard DS-4: no storage account may allow anonymous blob reads.'
    metadata: {
      category: 'Storage'
    }
    policyRule: {
      if: {
        field: 'Microsoft.Storage/storageAccounts/allowBlobPublicAccess'
        equals: true
      }
      then: {
        effect: 'deny'
      }
    }
  }
}

// the description comes from a parameter without a value: undecided, not reported
resource storageBaseline 'Microsoft.Authorization/policySetDefinitions@2021-06-01' = {
  name: 'storage-baseline'
  properties: {
    description: policyDescription
    metadata: {
      category: 'Storage'
    }
    policyDefinitions: [
      {
        policyDefinitionId: denyPublicBlob.id
      }
    ]
  }
}
