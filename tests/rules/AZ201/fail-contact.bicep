targetScope = 'subscription'

param securityEmails string = 'secops@contoso.com'

resource contact 'Microsoft.Security/securityContacts@2023-12-01-preview' = {
  name: 'default'
  // expect: AZ201
  properties: {
    emails: securityEmails
    isEnabled: true
    notificationsByRole: {
      state: 'On'
      roles: [
        'Owner'
      ]
    }
  }
}
