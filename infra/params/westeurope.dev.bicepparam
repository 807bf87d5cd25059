using '../main.bicep'

param region = 'westeurope'
param environment = 'dev'
param authIssuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'
param authAudience = 'api://strongroom-dev'
param authOidcMetadataUrl = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration'
param functionMaximumInstances = 10
param vnetAddressPrefix = '10.50.0.0/16'
