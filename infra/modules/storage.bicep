// A storage account of the stamp: HTTPS and TLS 1.2 only, Entra ID only (no shared keys), no public blobs,
// double encryption with a customer-managed key from the stamp's vault, versioning, soft delete, change feed and
// point-in-time restore; reachable only from the stamp's subnet and trusted Azure services (backup).

@description('Required. Region of the stamp.')
param location string

@description('Required. Account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Replicate to the paired region of the same geography (GZRS) instead of zones only (ZRS).')
param replicateToPairedRegion bool

@description('Required. Blob containers to create.')
param containerNames array

@description('Required. Containers whose blobs are write-once (time-based retention).')
param immutableContainerNames array

@description('Optional. Point-in-time restore of the account\'s blobs (with versioning and change feed). Off for the evidence account: Azure Storage calls immutable storage incompatible with point-in-time restore, and a restore of the data must never reach the evidence.')
param pointInTimeRestore bool = true

@description('Optional. Let write-once containers take appends to their append blobs (the erasure ledger), never changes or deletes.')
param allowProtectedAppendWrites bool = false

@description('Optional. Allow object replication policies across Entra tenants. Only for an account that Azure Backup protects with vaulted backups: the vault copies blobs by object replication and fails with UserErrorCrossTenantOrsPolicyDisabled while this is false.')
param allowCrossTenantReplication bool = false

@description('Required. Queues to create.')
param queueNames array

@description('Required. Blob role of the Function App\'s identity: Owner only on the host account.')
@allowed([
  'Storage Blob Data Contributor'
  'Storage Blob Data Owner'
])
param blobRoleName string

@description('Required. Resource id of the identity that reaches the encryption key.')
param encryptionIdentityId string

@description('Required. URI of the vault holding the encryption key.')
param keyVaultUri string

@description('Required. Name of the encryption key.')
param encryptionKeyName string

@description('Required. Principal id of the Function App\'s identity.')
param functionPrincipalId string

@description('Required. Resource id of the subnet allowed through the firewall.')
param subnetId string

@description('Required. Log Analytics workspace for diagnostics.')
param workspaceId string

@description('Optional. Days write-once containers keep each blob.')
@minValue(365)
param immutabilityDays int = 400

@description('Optional. Tags.')
param tags object = {}

var blobRoles = {
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
}
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_59: service endpoints of the stamp's subnet reach it through the public endpoint, which denies everything else (firewall default Deny); no private endpoints
  // checkov:skip=CKV_AZURE_206: geo-replication only to the paired region of the same geography (GZRS) when replicateToPairedRegion is on, else zone-redundant: data residency
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: replicateToPairedRegion ? 'Standard_GZRS' : 'Standard_ZRS'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${encryptionIdentityId}': {}
    }
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: allowCrossTenantReplication
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      virtualNetworkRules: [
        {
          id: subnetId
          action: 'Allow'
        }
      ]
      ipRules: []
    }
    encryption: {
      requireInfrastructureEncryption: true
      keySource: 'Microsoft.Keyvault'
      identity: {
        userAssignedIdentity: encryptionIdentityId
      }
      keyvaultproperties: {
        keyvaulturi: keyVaultUri
        keyname: encryptionKeyName
      }
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: pointInTimeRestore
    changeFeed: {
      enabled: pointInTimeRestore
      retentionInDays: pointInTimeRestore ? 35 : null
    }
    deleteRetentionPolicy: {
      enabled: true
      days: 35
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 35
    }
    restorePolicy: {
      enabled: pointInTimeRestore
      days: pointInTimeRestore ? 30 : null
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containerNames: {
  parent: blobService
  name: container
  properties: {
    publicAccess: 'None'
  }
}]

resource immutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = [for container in immutableContainerNames: {
  name: '${account.name}/default/${container}/default'
  properties: {
    immutabilityPeriodSinceCreationInDays: immutabilityDays
    allowProtectedAppendWrites: allowProtectedAppendWrites
  }
  dependsOn: [
    containers
  ]
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in queueNames: {
  parent: queueService
  name: queue
}]

resource functionBlobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, functionPrincipalId, blobRoles[blobRoleName])
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobRoles[blobRoleName])
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionQueueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, functionPrincipalId, queueDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueDataContributor)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: workspaceId
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

@description('Name of the account.')
output name string = account.name

@description('Resource id of the account.')
output id string = account.id

@description('Blob endpoint.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue
