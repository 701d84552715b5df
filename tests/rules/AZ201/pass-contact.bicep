targetScope = 'subscription'

param securityPhone string

resource contact 'Microsoft.Security/securityContacts@2020-01-01-preview' = {
  name: 'default'
  properties: {
    emails: 'secops@contoso.com'
    phone: securityPhone
    alertNotifications: {
      state: 'On'
      minimalSeverity: 'Medium'
    }
  }
}
