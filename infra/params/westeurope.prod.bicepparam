using '../main.bicep'

param region = 'westeurope'
param environment = 'prod'
param authClientId = '00000000-0000-0000-0000-000000000000'
param vendorTenantId = '00000000-0000-0000-0000-000000000000'
param directoryAccountName = 'cosmos-sr-directory-prod'
param directoryResourceGroup = 'rg-sr-directory-prod'
param alertActionGroupId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sr-operations-prod/providers/Microsoft.Insights/actionGroups/ag-sr-security-prod'
param securityLogReadersGroupId = '00000000-0000-0000-0000-000000000000'
param emailEndpoint = 'https://acs-sr-prod-westeurope.europe.communication.azure.com'
param emailSenderAddress = 'DoNotReply@notices.example.com'
param replicateToPairedRegion = true
param enableFrontDoor = true
