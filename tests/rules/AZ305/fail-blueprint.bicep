targetScope = 'subscription'

param blueprintVersionId string

// expect: AZ305
resource assignment 'Microsoft.Blueprint/blueprintAssignments@2018-11-01-preview' = {
  name: 'baseline'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    blueprintId: blueprintVersionId
    locks: {
      mode: 'AllResourcesDoNotDelete'
    }
  }
}
