targetScope = 'subscription'

resource endpoint 'Microsoft.Security/settings@2022-05-01' = {
  name: 'WDATP'
  kind: 'DataExportSettings'
  properties: {
    enabled: false // expect: AZ502
  }
}
