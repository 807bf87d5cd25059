using '../main.bicep'

param region = 'germanywestcentral'
param environment = 'prod'
param authClientId = '00000000-0000-0000-0000-000000000000'
param vendorTenantId = '00000000-0000-0000-0000-000000000000'
param directoryAccountName = 'cosmos-sr-directory-prod'
param directoryResourceGroup = 'rg-sr-directory-prod'
param alertActionGroupId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sr-operations-prod/providers/Microsoft.Insights/actionGroups/ag-sr-security-prod'
param securityLogReadersGroupId = '00000000-0000-0000-0000-000000000000'
param emailEndpoint = 'https://acs-sr-prod-germanywestcentral.germany.communication.azure.com'
param emailSenderAddress = 'DoNotReply@notices.example.com'
param replicateToPairedRegion = true
param enableFrontDoor = true
// Flex Consumption in this region is not confirmed by the documentation: run
// `az functionapp list-flexconsumption-locations --query "[?name=='germanywestcentral']"` before the first deployment, and
// set 'ElasticPremium' if it is missing (infra/README.md, Hosting plan).
param hostingPlan = 'FlexConsumption'
