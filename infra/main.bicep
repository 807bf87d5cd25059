// One Strongroom stamp: everything a region needs, and nothing that places data, backups or logs outside its
// geography. Deploy once per region with the matching file in params/.
targetScope = 'resourceGroup'

@description('Required. The stamp\'s region. Data, keys, backups and logs stay in its geography.')
@allowed([
  'eastus'
  'westeurope'
  'germanywestcentral'
  'australiaeast'
])
param region string

@description('Required. Environment name, part of every resource name.')
@allowed([
  'dev'
  'prod'
])
param environment string

@description('Optional. Short workload name, part of every resource name.')
@minLength(2)
@maxLength(6)
param workload string = 'sr'

@description('Required. Client id (a GUID) of the multi-tenant Entra application; v2.0 access tokens carry it as aud.')
param authClientId string

@description('Optional. OpenID Connect metadata of the Entra organizations endpoint; its issuer is the {tenantid} template.')
param authOidcMetadataUrl string = 'https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration'

@description('Required. Entra tenant id of the vendor\'s staff: the only directory whose staff roles count.')
param vendorTenantId string

@description('Optional. Conditional Access authentication context whose policy requires MFA; staff operations need it.')
@allowed([
  'c1'
  'c2'
  'c3'
  'c4'
  'c5'
])
param staffAuthContext string = 'c1'

@description('Required. Name of the tenant directory\'s Cosmos DB account (infra/directory), shared by every stamp.')
param directoryAccountName string

@description('Required. Resource group of the tenant directory\'s Cosmos DB account.')
param directoryResourceGroup string

@description('Optional. Replicate storage (GZRS) and the metadata Cosmos DB account to the paired region of the same geography.')
param replicateToPairedRegion bool = false

@description('Optional. Put Azure Front Door Premium with WAF managed rules and a rate limit in front of the Function App.')
param enableFrontDoor bool = false

@description('Optional. Requests per client IP per minute before Front Door blocks.')
@minValue(100)
@maxValue(100000)
param frontDoorRateLimitPerMinute int = 1000

@description('Optional. Days access audit events are kept (at least 14).')
@minValue(14)
@maxValue(3650)
param auditRetentionAccessDays int = 30

@description('Optional. Days admin and security audit events are kept (at least 365).')
@minValue(365)
@maxValue(3650)
param auditRetentionAdminDays int = 400

@description('Optional. A chain of audit events is signed every this many events.')
@minValue(1)
@maxValue(100000)
param auditCheckpointEvery int = 100

@description('Optional. Parallel lanes of each tenant\'s audit chain per class, so one busy tenant\'s requests do not queue for one position. Raise it, never lower it: verification reads the lanes below it.')
@minValue(1)
@maxValue(64)
param auditLanes int = 16

@description('Optional. Hosting plan of the Function App: Flex Consumption where the region offers it (az functionapp list-flexconsumption-locations), else Elastic Premium EP1, which runs the same package with the same identity-based connections.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Optional. Most instances the Function App scales out to. Flex Consumption documents 40 as the lowest maximum and 1,000 as the highest.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstances int = 100

@description('Optional. Autoscale maxima (RU/s) of Cosmos DB containers by name, over the environment\'s defaults in cosmosThroughput.')
param cosmosAutoscaleMaxThroughput object = {}

@description('Optional. Address space of the stamp\'s virtual network.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Required. Endpoint of the stamp\'s Azure Communication Services resource (data location in the stamp\'s geography), which sends notices; the app\'s identity needs a role on it that allows sending email.')
param emailEndpoint string

@description('Required. Sender of notices, an address of a domain verified for that resource (for example DoNotReply@notices.example.com).')
param emailSenderAddress string

@description('Required. Resource id of the action group that receives the stamp\'s security and operations alerts.')
param alertActionGroupId string

@description('Required. Object id of the Entra security group allowed to read the stamp\'s logs.')
param securityLogReadersGroupId string

@description('Optional. Tags for every resource.')
param tags object = {}

// The only secondary region each stamp may use: its Azure pair inside the same geography.
var pairedRegions = {
  eastus: 'westus'
  westeurope: 'northeurope'
  germanywestcentral: 'germanynorth'
  australiaeast: 'australiasoutheast'
}
var regionAbbreviations = {
  eastus: 'eus'
  westeurope: 'weu'
  germanywestcentral: 'gwc'
  australiaeast: 'aue'
}
var token = '${workload}-${environment}-${regionAbbreviations[region]}'
var compactToken = '${workload}${environment}${regionAbbreviations[region]}${substring(uniqueString(resourceGroup().id), 0, 5)}'
var stampTags = union(tags, { workload: 'strongroom', stamp: region, environment: environment })
// Autoscale, not serverless: serverless accounts are single-region (no paired replica) and cap a container's
// throughput, and every request writes the audit trail. Autoscale scales down to a tenth of these maxima when idle.
var cosmosThroughput = {
  dev: {
    tenants: 1000
    assets: 1000
    uploads: 1000
    grants: 1000
    erasures: 1000
    jobs: 1000
    audit: 1000
    'audit-trail': 1000
    incidents: 1000
    notifications: 1000
    keyring: 1000
  }
  prod: {
    tenants: 1000
    assets: 4000
    uploads: 4000
    grants: 1000
    erasures: 1000
    jobs: 1000
    audit: 1000
    'audit-trail': 10000
    incidents: 1000
    notifications: 1000
    keyring: 4000
  }
}
var signingKeyName = 'audit-signing'
var functionAppName = 'func-${token}-${substring(uniqueString(resourceGroup().id), 0, 5)}'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: region
    token: token
    securityLogReadersGroupId: securityLogReadersGroupId
    tags: stampTags
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: region
    token: token
    workspaceId: monitoring.outputs.workspaceId
    actionGroupId: alertActionGroupId
    tags: stampTags
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: region
    token: token
    addressPrefix: vnetAddressPrefix
    hostingPlan: hostingPlan
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

module identities 'modules/identity.bicep' = {
  name: 'identities'
  params: {
    location: region
    token: token
    tags: stampTags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: region
    name: 'kv-${compactToken}'
    signingKeyName: signingKeyName
    functionPrincipalId: identities.outputs.functionPrincipalId
    storagePrincipalId: identities.outputs.storagePrincipalId
    subnetId: network.outputs.functionSubnetId
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

module dataStorage 'modules/storage.bicep' = {
  name: 'storage-data'
  params: {
    location: region
    name: 'st${compactToken}'
    replicateToPairedRegion: replicateToPairedRegion
    // Vaulted blob backup (weekly and monthly copies in the vault) copies by object replication, which this must
    // allow. Replication policies still need Microsoft.Storage/storageAccounts/objectReplicationPolicies/write on this
    // account, which only the backup vault's role and the stamp's owners hold; the evidence and host accounts refuse it.
    allowCrossTenantReplication: true
    containerNames: [
      'assets'
      'exports'
      'receipts'
    ]
    immutableContainerNames: []
    queueNames: [
      'erasure-jobs'
      'erasure-jobs-poison'
      'tenant-jobs'
      'tenant-jobs-poison'
      'notifications'
      'notifications-poison'
    ]
    blobRoleName: 'Storage Blob Data Contributor'
    encryptionIdentityId: identities.outputs.storageIdentityId
    keyVaultUri: keyVault.outputs.uri
    encryptionKeyName: keyVault.outputs.storageKeyName
    functionPrincipalId: identities.outputs.functionPrincipalId
    subnetId: network.outputs.functionSubnetId
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

// Write-once evidence in an account of its own, without point-in-time restore: a restore of the data account (or of
// Cosmos DB) never reaches it, so the erasure ledger can erase again whatever a restore brings back, and audit
// checkpoints stay as signed.
module evidenceStorage 'modules/storage.bicep' = {
  name: 'storage-evidence'
  params: {
    location: region
    name: 'ste${compactToken}'
    replicateToPairedRegion: replicateToPairedRegion
    pointInTimeRestore: false
    allowProtectedAppendWrites: true
    containerNames: [
      'audit-checkpoints'
      'erasure-ledger'
    ]
    immutableContainerNames: [
      'audit-checkpoints'
      'erasure-ledger'
    ]
    queueNames: []
    blobRoleName: 'Storage Blob Data Contributor'
    encryptionIdentityId: identities.outputs.storageIdentityId
    keyVaultUri: keyVault.outputs.uri
    encryptionKeyName: keyVault.outputs.storageKeyName
    functionPrincipalId: identities.outputs.functionPrincipalId
    subnetId: network.outputs.functionSubnetId
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

module hostStorage 'modules/storage.bicep' = {
  name: 'storage-host'
  params: {
    location: region
    name: 'sth${compactToken}'
    replicateToPairedRegion: false
    containerNames: [
      'deployments'
    ]
    immutableContainerNames: []
    queueNames: []
    blobRoleName: 'Storage Blob Data Owner'
    encryptionIdentityId: identities.outputs.storageIdentityId
    keyVaultUri: keyVault.outputs.uri
    encryptionKeyName: keyVault.outputs.storageKeyName
    functionPrincipalId: identities.outputs.functionPrincipalId
    subnetId: network.outputs.functionSubnetId
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: region
    pairedLocation: pairedRegions[region]
    replicateToPairedRegion: replicateToPairedRegion
    token: compactToken
    autoscaleMaxThroughput: union(cosmosThroughput[environment], cosmosAutoscaleMaxThroughput)
    functionPrincipalId: identities.outputs.functionPrincipalId
    subnetId: network.outputs.functionSubnetId
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

module backup 'modules/backup.bicep' = {
  name: 'backup'
  params: {
    location: region
    token: token
    storageAccountName: dataStorage.outputs.name
    containerNames: [
      'assets'
      'receipts'
    ]
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

module frontDoor 'modules/frontdoor.bicep' = if (enableFrontDoor) {
  name: 'frontdoor'
  params: {
    token: token
    originHostName: '${functionAppName}.azurewebsites.net'
    rateLimitPerMinute: frontDoorRateLimitPerMinute
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

// The stamp's identity may read and claim entries of the shared tenant directory, which holds no personal data.
module directoryAccess 'modules/directoryaccess.bicep' = {
  name: 'directory-access'
  scope: resourceGroup(directoryResourceGroup)
  params: {
    accountName: directoryAccountName
    functionPrincipalId: identities.outputs.functionPrincipalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: region
    name: functionAppName
    token: token
    identityId: identities.outputs.functionIdentityId
    identityClientId: identities.outputs.functionClientId
    identityPrincipalId: identities.outputs.functionPrincipalId
    subnetId: network.outputs.functionSubnetId
    hostStorageName: hostStorage.outputs.name
    dataBlobEndpoint: dataStorage.outputs.blobEndpoint
    dataQueueEndpoint: dataStorage.outputs.queueEndpoint
    evidenceBlobEndpoint: evidenceStorage.outputs.blobEndpoint
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    cosmosEndpoint: cosmos.outputs.metadataEndpoint
    keyringCosmosEndpoint: cosmos.outputs.keyringEndpoint
    keyVaultUri: keyVault.outputs.uri
    signingKeyName: signingKeyName
    appInsightsName: monitoring.outputs.appInsightsName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    stampRegion: region
    authClientId: authClientId
    authOidcMetadataUrl: authOidcMetadataUrl
    vendorTenantId: vendorTenantId
    staffAuthContext: staffAuthContext
    directoryCosmosEndpoint: directoryAccess.outputs.endpoint
    auditRetentionAccessDays: auditRetentionAccessDays
    auditRetentionAdminDays: auditRetentionAdminDays
    auditCheckpointEvery: auditCheckpointEvery
    auditLanes: auditLanes
    hostingPlan: hostingPlan
    emailEndpoint: emailEndpoint
    emailSenderAddress: emailSenderAddress
    maximumInstances: functionMaximumInstances
    frontDoorId: enableFrontDoor ? frontDoor.outputs.frontDoorId : ''
    workspaceId: monitoring.outputs.workspaceId
    tags: stampTags
  }
}

@description('The Function App\'s default host name.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('The Front Door endpoint, when enabled.')
output frontDoorHostName string = enableFrontDoor ? frontDoor.outputs.endpointHostName : ''

@description('The paired region this stamp may replicate to, inside its geography.')
output pairedRegion string = pairedRegions[region]
