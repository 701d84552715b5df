targetScope = 'subscription'

resource contact 'Microsoft.Security/securityContacts@2020-01-01-preview' = {
  name: 'default'
  properties: {
    emails: 'secops@contoso.com'
    phone: '+1-425-555-0100'
    alertNotifications: {
      state: 'Off' // expect: AZ202
      minimalSeverity: 'Medium'
    }
    notificationsByRole: {
      state: 'On'
      roles: [ // expect: AZ202
        'Contributor'
      ]
    }
  }
}
