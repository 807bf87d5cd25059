// Log Analytics and Application Insights of a stamp: in the stamp's region, Entra ID authentication only.

@description('Required. Region of the stamp.')
param location string

@description('Required. Naming token (workload, environment, region).')
param token string

@description('Required. Object id of the Entra security group whose members may read the stamp\'s logs (security personnel).')
param securityLogReadersGroupId string

@description('Optional. Tags.')
param tags object = {}

@description('Optional. Days system and audit logs are kept (at least 12 months).')
@minValue(365)
@maxValue(730)
param retentionInDays int = 365

@description('Optional. Days request and access logs are kept (at least 14 days, and no longer than needed).')
@minValue(14)
@maxValue(365)
param accessLogRetentionInDays int = 30

// "Log Analytics Reader".
var logAnalyticsReader = '73c42c96-874c-492b-b04d-ab87d138a893'
// Tables holding per-request access logs (caller IPs): kept for the access-log period, not a year.
var accessLogTables = [
  'StorageBlobLogs'
  'StorageQueueLogs'
  'AppServiceHTTPLogs'
]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${token}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
      // Workspace permissions only: reading a resource (the Function App, a storage account) does not open its logs.
      enableLogAccessUsingOnlyResourcePermissions: false
    }
  }
}

// Production logs are for security personnel: the group reads the whole workspace, and no one else is granted it.
resource securityLogReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, securityLogReadersGroupId, logAnalyticsReader)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReader)
    principalId: securityLogReadersGroupId
    principalType: 'Group'
  }
}

resource accessLogs 'Microsoft.OperationalInsights/workspaces/tables@2023-09-01' = [for table in accessLogTables: {
  parent: workspace
  name: table
  properties: {
    retentionInDays: accessLogRetentionInDays
  }
}]

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${token}'
  location: location
  kind: 'web'
  tags: tags
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

resource workspaceDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: workspace
  properties: {
    workspaceId: workspace.id
    // Query auditing: the workspace's documented log category (LAQueryLogs), named rather than a category group.
    logs: [
      {
        category: 'Audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource appInsightsDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: appInsights
  properties: {
    workspaceId: workspace.id
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name

@description('Connection string of Application Insights (no key: ingestion needs Entra ID).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString
