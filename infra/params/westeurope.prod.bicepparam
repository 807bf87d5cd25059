using '../main.bicep'

param region = 'westeurope'
param environment = 'prod'
param authIssuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'
param authAudience = 'api://strongroom'
param authOidcMetadataUrl = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration'
param replicateToPairedRegion = true
param enableFrontDoor = true
