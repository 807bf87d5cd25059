// User-assigned identities: one for the Function App, one that only lets storage reach its encryption key.

@description('Required. Region of the stamp.')
param location string

@description('Required. Naming token (workload, environment, region).')
param token string

@description('Optional. Tags.')
param tags object = {}

resource functionIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${token}-func'
  location: location
  tags: tags
}

resource storageIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${token}-st'
  location: location
  tags: tags
}

@description('Resource id of the Function App\'s identity.')
output functionIdentityId string = functionIdentity.id

@description('Client id of the Function App\'s identity.')
output functionClientId string = functionIdentity.properties.clientId

@description('Principal id of the Function App\'s identity.')
output functionPrincipalId string = functionIdentity.properties.principalId

@description('Resource id of the storage encryption identity.')
output storageIdentityId string = storageIdentity.id

@description('Principal id of the storage encryption identity.')
output storagePrincipalId string = storageIdentity.properties.principalId
