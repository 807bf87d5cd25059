using '../main.bicep'

param region = 'australiaeast'
param environment = 'prod'
param authClientId = '00000000-0000-0000-0000-000000000000'
param vendorTenantId = '00000000-0000-0000-0000-000000000000'
param directoryAccountName = 'cosmos-sr-directory-prod'
param directoryResourceGroup = 'rg-sr-directory-prod'
param replicateToPairedRegion = true
param enableFrontDoor = true
