targetScope = 'managementGroup'

param tagNames array = [
  'costCenter'
  'owner'
]

resource denyPublicBlob 'Microsoft.Authorization/policyDefinitions@2023-04-01' = {
  name: 'deny-public-blob'
  // expect: AZ304
  properties: {
    policyType: 'Custom'
    mode: 'Indexed'
    displayName: 'Deny public blob access'
    metadata: {
      category: 'Storage'
    }
    policyRule: {
      if: {
        field: 'Microsoft.Storage/storageAccounts/allowBlobPublicAccess'
        equals: true
      }
      then: {
        effect: '[parameters(\'effect\')]'
      }
    }
    parameters: {
      effect: {
        type: 'String'
        defaultValue: 'Deny'
      }
    }
  }
}

resource requireTag 'Microsoft.Authorization/policyDefinitions@2023-04-01' = [for tag in tagNames: {
  name: 'require-tag-${tag}'
  properties: {
    mode: 'Indexed'
    description: 'Tagging standard T-1: every resource carries the ${tag} tag.'
    // expect: AZ304
    metadata: {
      version: '1.0.0'
    }
    policyRule: {
      if: {
        field: 'tags[${tag}]'
        exists: 'false'
      }
      then: {
        effect: 'audit'
      }
    }
  }
}]
