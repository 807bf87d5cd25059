// A stamp's access to the shared tenant directory: its Function App's identity gets the Cosmos DB data-plane role
// on the directory account, which lives in its own resource group. Deployed from the stamp, scoped there.

@description('Required. Name of the tenant directory\'s Cosmos DB account.')
param accountName string

@description('Required. Principal id of the stamp Function App\'s identity.')
param functionPrincipalId string

// Built-in data-plane role "Cosmos DB Built-in Data Contributor": read entries, and claim one when a tenant is made.
var dataContributor = '00000000-0000-0000-0000-000000000002'

resource directory 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: accountName
}

resource stampDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: directory
  name: guid(directory.id, functionPrincipalId, dataContributor)
  properties: {
    roleDefinitionId: '${directory.id}/sqlRoleDefinitions/${dataContributor}'
    principalId: functionPrincipalId
    scope: '${directory.id}/dbs/strongroom-directory'
  }
}

@description('The directory account\'s endpoint (DIRECTORY_COSMOS_ENDPOINT).')
output endpoint string = directory.properties.documentEndpoint
