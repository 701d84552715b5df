using './web-tier-secure.bicep'

param vmCount = 3
param workspaceId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/law-ops'
param ddosProtectionPlanId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/ddosProtectionPlans/ddos-hub'
param flowLogStorageAccountId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitor/providers/Microsoft.Storage/storageAccounts/stflowlogs'
param adminUsername = 'azureops'
param sshPublicKey = readEnvironmentVariable('SSH_PUBLIC_KEY', '')
