// The stamp's Function App: Linux, Java 17, Flex Consumption, a user-assigned identity for every connection
// (no connection strings or keys), HTTPS and TLS 1.2 only, outbound through the stamp's subnet. With Front Door,
// only requests through that Front Door profile reach it.

@description('Required. Region of the stamp.')
param location string

@description('Required. Function App name.')
param name string

@description('Required. Naming token (workload, environment, region).')
param token string

@description('Required. Resource id of the Function App\'s user-assigned identity.')
param identityId string

@description('Required. Client id of that identity.')
param identityClientId string

@description('Required. Principal id of that identity.')
param identityPrincipalId string

@description('Required. Resource id of the integration subnet.')
param subnetId string

@description('Required. Name of the host storage account (AzureWebJobsStorage, deployment package).')
param hostStorageName string

@description('Required. Blob endpoint of the data storage account.')
param dataBlobEndpoint string

@description('Required. Queue endpoint of the data storage account.')
param dataQueueEndpoint string

@description('Required. Blob endpoint of the evidence storage account (audit checkpoints, erasure ledger).')
param evidenceBlobEndpoint string

@description('Required. Blob endpoint of the host storage account.')
param hostBlobEndpoint string

@description('Required. Endpoint of the metadata Cosmos DB account.')
param cosmosEndpoint string

@description('Required. Endpoint of the keyring Cosmos DB account.')
param keyringCosmosEndpoint string

@description('Required. URI of the stamp\'s Key Vault.')
param keyVaultUri string

@description('Required. Name of the signing key in that vault.')
param signingKeyName string

@description('Required. Name of the Application Insights component.')
param appInsightsName string

@description('Required. Connection string of Application Insights.')
param appInsightsConnectionString string

@description('Required. Region the app serves (STAMP_REGION).')
param stampRegion string

@description('Required. Client id of the multi-tenant Entra application (the aud of every v2.0 access token).')
param authClientId string

@description('Required. OpenID Connect metadata of the organizations endpoint (its issuer is the {tenantid} template).')
param authOidcMetadataUrl string

@description('Required. Entra tenant id of the vendor\'s staff.')
param vendorTenantId string

@description('Required. Conditional Access authentication context id (c1 to c99) that requires MFA for staff.')
param staffAuthContext string

@description('Required. Endpoint of the tenant directory\'s Cosmos DB account, shared by every stamp.')
param directoryCosmosEndpoint string

@description('Required. Days access audit events are kept.')
param auditRetentionAccessDays int

@description('Required. Days admin and security audit events are kept.')
param auditRetentionAdminDays int

@description('Required. Audit chain checkpoint interval, in events.')
param auditCheckpointEvery int

@description('Required. Parallel lanes of each tenant\'s audit chain per class.')
@minValue(1)
@maxValue(64)
param auditLanes int

@description('Required. Endpoint of the Azure Communication Services resource that sends notices.')
param emailEndpoint string

@description('Required. Sender of notices: an address of a domain verified for that resource.')
param emailSenderAddress string

@description('Required. Hosting plan: Flex Consumption where the region offers it, else Elastic Premium (EP1).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Required. Most instances to scale out to (Flex Consumption: 40 to 1,000; Elastic Premium stops at 100).')
@minValue(40)
@maxValue(1000)
param maximumInstances int

@description('Required. Front Door id allowed in X-Azure-FDID; empty when the app is reached directly.')
param frontDoorId string

@description('Required. Log Analytics workspace for diagnostics.')
param workspaceId string

@description('Optional. Tags.')
param tags object = {}

// "Monitoring Metrics Publisher": lets the identity send telemetry to Application Insights with Entra ID.
var metricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var isFlex = hostingPlan == 'FlexConsumption'
// Elastic Premium without Azure Files, whose share takes only a connection string: the package runs from the host
// account's deployments container, fetched with the app's identity, as "Create an app without Azure Files" describes.
// Flex Consumption refuses these settings; it takes the runtime and the package from functionAppConfig.
var premiumSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'java'
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '${hostBlobEndpoint}deployments/strongroom.zip'
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'
    value: identityId
  }
]
var frontDoorOnly = [
  {
    name: 'front-door-only'
    priority: 100
    action: 'Allow'
    tag: 'ServiceTag'
    ipAddress: 'AzureFrontDoor.Backend'
    headers: {
      'x-azure-fdid': [
        frontDoorId
      ]
    }
  }
]

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  // checkov:skip=CKV_AZURE_225: zone redundancy of Flex Consumption is not documented in every stamp region; not claimed
  name: 'asp-${token}'
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? {
    tier: 'FlexConsumption'
    name: 'FC1'
  } : {
    tier: 'ElasticPremium'
    name: 'EP1'
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : min(maximumInstances, 100)
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  // checkov:skip=CKV_AZURE_78: Flex Consumption rejects ftpsState; FTP is closed by the ftp basicPublishingCredentialsPolicy (offline check: function-ftps)
  // checkov:skip=CKV_AZURE_222: this is the stamp's public API; with Front Door on, only that profile reaches it (access restriction on X-Azure-FDID)
  // checkov:skip=CKV_AZURE_17: callers authenticate with Entra ID access tokens, not client certificates
  // checkov:skip=CKV_AZURE_212: Flex Consumption scales from zero per function; Elastic Premium keeps its one always-ready instance
  // checkov:skip=CKV_AZURE_213: instance replacement by healthCheckPath is not documented for Flex Consumption; Front Door probes /api/health
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    virtualNetworkSubnetId: subnetId
    publicNetworkAccess: 'Enabled'
    functionAppConfig: !isFlex ? null : {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostBlobEndpoint}deployments'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstances
        instanceMemoryMB: 2048
        // Pinned, not the size's default of 16: with 16 MiB bodies held about six times each while handled,
        // 8 concurrent requests keep an instance within its 2,048 MB (docs/platform.md, memory arithmetic).
        triggers: {
          http: {
            perInstanceConcurrency: 8
          }
        }
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      linuxFxVersion: isFlex ? null : 'Java|17'
      // Elastic Premium: the scale controller cannot see queues behind the storage firewall; the runtime reports them.
      functionsRuntimeScaleMonitoringEnabled: isFlex ? null : true
      vnetRouteAllEnabled: isFlex ? null : true
      http20Enabled: true
      ipSecurityRestrictionsDefaultAction: empty(frontDoorId) ? 'Allow' : 'Deny'
      ipSecurityRestrictions: empty(frontDoorId) ? [] : frontDoorOnly
      appSettings: concat(isFlex ? [] : premiumSettings, [
        {
          name: 'AzureWebJobsStorage__accountName'
          value: hostStorageName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        {
          name: 'STRONGROOM_MODE'
          value: 'azure'
        }
        {
          name: 'STAMP_REGION'
          value: stampRegion
        }
        {
          name: 'STORAGE__blobServiceUri'
          value: dataBlobEndpoint
        }
        {
          name: 'EVIDENCE_STORAGE__blobServiceUri'
          value: evidenceBlobEndpoint
        }
        {
          name: 'STORAGE__queueServiceUri'
          value: dataQueueEndpoint
        }
        {
          name: 'STORAGE__credential'
          value: 'managedidentity'
        }
        {
          name: 'STORAGE__clientId'
          value: identityClientId
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmosEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: 'strongroom'
        }
        {
          name: 'KEYRING_COSMOS_ENDPOINT'
          value: keyringCosmosEndpoint
        }
        {
          name: 'KEY_VAULT_URI'
          value: keyVaultUri
        }
        {
          name: 'KEY_VAULT_HSM'
          value: 'true'
        }
        {
          name: 'SIGNING_KEY_NAME'
          value: signingKeyName
        }
        {
          name: 'AUTH_CLIENT_ID'
          value: authClientId
        }
        {
          name: 'AUTH_OIDC_METADATA_URL'
          value: authOidcMetadataUrl
        }
        {
          name: 'VENDOR_TENANT_ID'
          value: vendorTenantId
        }
        {
          name: 'STAFF_AUTH_CONTEXT'
          value: staffAuthContext
        }
        {
          name: 'DIRECTORY_COSMOS_ENDPOINT'
          value: directoryCosmosEndpoint
        }
        {
          name: 'DIRECTORY_COSMOS_DATABASE'
          value: 'strongroom-directory'
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'AUDIT_RETENTION_ACCESS_DAYS'
          value: string(auditRetentionAccessDays)
        }
        {
          name: 'AUDIT_RETENTION_ADMIN_DAYS'
          value: string(auditRetentionAdminDays)
        }
        {
          name: 'AUDIT_RETENTION_SECURITY_DAYS'
          value: string(auditRetentionAdminDays)
        }
        {
          name: 'AUDIT_CHECKPOINT_EVERY'
          value: string(auditCheckpointEvery)
        }
        {
          name: 'AUDIT_LANES'
          value: string(auditLanes)
        }
        {
          name: 'TDK_CACHE_TTL_SECONDS'
          value: '300'
        }
        {
          name: 'TDK_CACHE_MAX_TENANTS'
          value: '1000'
        }
        {
          name: 'MAX_RESPONSE_BYTES'
          value: '16777216'
        }
        {
          // The JVM would size its heap at a quarter of the instance (512 MB); the worker holds about three copies
          // of each of 8 concurrent 16 MiB bodies on top of the app (docs/platform.md).
          name: 'languageWorkers__java__arguments'
          value: '-Xmx1024m'
        }
        {
          name: 'AUDIT_CHECKPOINT_SCHEDULE'
          value: '0 0 * * * *'
        }
        {
          name: 'CONSENT_SWEEP_SCHEDULE'
          value: '0 */15 * * * *'
        }
        {
          name: 'EXPORT_EXPIRY_SCHEDULE'
          value: '0 40 * * * *'
        }
        {
          name: 'CANCELLATION_SCHEDULE'
          value: '0 */10 * * * *'
        }
        {
          name: 'ASSET_SWEEP_SCHEDULE'
          value: '0 */15 * * * *'
        }
        {
          name: 'ERASURE_LEDGER_REPLAY_SCHEDULE'
          value: '0 30 3 * * *'
        }
        {
          name: 'ERASURE_IRRECOVERABLE_SCHEDULE'
          value: '0 20 * * * *'
        }
        {
          name: 'ERASURE_REQUEUE_SCHEDULE'
          value: '0 */15 * * * *'
        }
        {
          name: 'KEYRING_BACKUP_RETENTION_HOURS'
          value: '48' // the keyring account's backupRetentionIntervalInHours (cosmos.bicep)
        }
        {
          name: 'METADATA_BACKUP_RETENTION_DAYS'
          value: '30' // the metadata account's Continuous30Days tier (cosmos.bicep)
        }
        {
          name: 'ERASURE_QUEUE'
          value: 'erasure-jobs'
        }
        {
          name: 'TENANT_JOBS_QUEUE'
          value: 'tenant-jobs'
        }
        {
          name: 'NOTIFICATIONS_QUEUE'
          value: 'notifications'
        }
        {
          name: 'EMAIL_ENDPOINT'
          value: emailEndpoint
        }
        {
          name: 'EMAIL_SENDER_ADDRESS'
          value: emailSenderAddress
        }
        {
          // The provider's default limit; raise it here once Azure Communication Services has raised the quota.
          name: 'EMAIL_SENDS_PER_MINUTE'
          value: '30'
        }
      ])
    }
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityPrincipalId, metricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisher)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Metrics only: no resource log category of a Linux Flex Consumption site is documented. The app's own logs,
// requests and exceptions reach the same workspace through Application Insights, which is workspace-based.
resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Default host name of the Function App.')
output defaultHostName string = site.properties.defaultHostName
