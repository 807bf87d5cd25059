using '../main.bicep'

param location = 'westeurope'
param readLocations = [
  'eastus'
  'germanywestcentral'
  'australiaeast'
]
param environment = 'prod'
param allowedSubnetIds = []
param workspaceId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sr-directory-prod/providers/Microsoft.OperationalInsights/workspaces/log-sr-directory-prod'
