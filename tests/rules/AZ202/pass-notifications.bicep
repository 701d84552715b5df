targetScope = 'subscription'

param notifyOwners bool

resource contact 'Microsoft.Security/securityContacts@2023-12-01-preview' = {
  name: 'default'
  properties: {
    emails: 'secops@contoso.com'
    phone: '+1-425-555-0100'
    isEnabled: true
    notificationsByRole: {
      state: notifyOwners ? 'On' : 'Off'
      roles: [
        'Owner'
      ]
    }
    notificationsSources: [
      {
        sourceType: 'Alert'
        minimalSeverity: 'Medium'
      }
    ]
  }
}
