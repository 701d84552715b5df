targetScope = 'subscription'

param plans array = [
  'VirtualMachines'
  'StorageAccounts'
]

resource pricings 'Microsoft.Security/pricings@2024-01-01' = [for plan in plans: {
  name: plan
  properties: {
    pricingTier: 'Free' // expect: AZ501
  }
}]
