targetScope = 'subscription'

param enableUnified bool

resource endpoint 'Microsoft.Security/settings@2022-05-01' = {
  name: 'WDATP'
  kind: 'DataExportSettings'
  properties: {
    enabled: true
  }
}

resource unified 'Microsoft.Security/settings@2022-05-01' = {
  name: 'WDATP_UNIFIED_SOLUTION'
  kind: 'DataExportSettings'
  properties: {
    enabled: enableUnified
  }
}
