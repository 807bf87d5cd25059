using '../main.bicep'

param region = 'westeurope'
param environment = 'dev'
param authClientId = '00000000-0000-0000-0000-000000000000'
param vendorTenantId = '00000000-0000-0000-0000-000000000000'
param directoryAccountName = 'cosmos-sr-directory-dev'
param directoryResourceGroup = 'rg-sr-directory-dev'
param alertActionGroupId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sr-operations-dev/providers/Microsoft.Insights/actionGroups/ag-sr-security-dev'
param securityLogReadersGroupId = '00000000-0000-0000-0000-000000000000'
param emailEndpoint = 'https://acs-sr-dev-westeurope.europe.communication.azure.com'
param emailSenderAddress = 'DoNotReply@notices.example.com'
param functionMaximumInstances = 40
param vnetAddressPrefix = '10.50.0.0/16'
