// The two Cosmos DB accounts of a stamp. Metadata: continuous backup (point-in-time restore) in the stamp's
// region, optionally replicated to the paired region of the same geography. Keyring (wrapped DEKs): periodic
// backup every hour kept 48 hours in local or zone-redundant storage, so 48 hours after a DEK is destroyed no
// copy of it exists anywhere (crypto-shredding). Both: Entra ID only, TLS 1.2, reachable only from the subnet.

@description('Required. Region of the stamp.')
param location string

@description('Required. The paired region of the same geography.')
param pairedLocation string

@description('Required. Replicate the metadata account to the paired region.')
param replicateToPairedRegion bool

@description('Required. Naming token (workload, environment, region, suffix).')
param token string

@description('Required. Principal id of the Function App\'s identity.')
param functionPrincipalId string

@description('Required. Resource id of the subnet allowed through the firewall.')
param subnetId string

@description('Required. Log Analytics workspace for diagnostics.')
param workspaceId string

@description('Required. Autoscale maximum request units per second of each metadata container, and of the keyring container under "keyring" (1,000 or more, in steps of 1,000).')
param autoscaleMaxThroughput object

@description('Optional. Tags.')
param tags object = {}

// Named categories, as Azure Cosmos DB documents them for diagnostic settings (resource-specific CDB* tables); the
// 'audit' category group is not documented for Cosmos DB accounts.
var cosmosLogCategories = [
  'ControlPlaneRequests'
  'DataPlaneRequests'
  'QueryRuntimeStatistics'
  'PartitionKeyRUConsumption'
]
var databaseName = 'strongroom'
// Built-in data-plane role "Cosmos DB Built-in Data Contributor".
var dataContributor = '00000000-0000-0000-0000-000000000002'
var metadataContainers = [
  {
    name: 'tenants'
    partitionKey: '/id'
    ttl: false
    // Wrapped keys and display names are read by id, never queried.
    excludedPaths: [
      '/wrappedTdk/?'
      '/wrappedBlindIndexKey/?'
      '/keys/*'
      '/retiredTdks/*'
      '/displayName/?'
    ]
    compositeIndexes: []
  }
  {
    name: 'assets'
    partitionKey: '/tenantId'
    ttl: false
    excludedPaths: [
      '/metadata/*'
      '/name/?'
      '/legalHold/reason/?'
    ]
    // Listing: active assets of a tenant in creation order.
    compositeIndexes: [
      [
        {
          path: '/state'
          order: 'ascending'
        }
        {
          path: '/createdAt'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    name: 'uploads'
    partitionKey: '/tenantId'
    ttl: true
    excludedPaths: [
      '/metadata/*'
      '/blockIds/*'
      '/name/?'
    ]
    compositeIndexes: []
  }
  {
    name: 'grants'
    partitionKey: '/tenantId'
    ttl: false
    excludedPaths: [
      '/purpose/?'
      '/ticket/?'
      '/scope/*'
    ]
    // The expiry sweep: active grants whose expiry has passed, across tenants.
    compositeIndexes: [
      [
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/expiresAtMs'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    name: 'erasures'
    partitionKey: '/tenantId'
    ttl: false
    excludedPaths: [
      '/reference/?'
      '/failure/*'
      '/extensions/*'
    ]
    // Requests by state, newest first; a request's items in asset order; the requeue and irrecoverable timers.
    compositeIndexes: [
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/state'
          order: 'ascending'
        }
        {
          path: '/requestedAt'
          order: 'descending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/requestedAt'
          order: 'descending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/erasureId'
          order: 'ascending'
        }
        {
          path: '/assetId'
          order: 'ascending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/state'
          order: 'ascending'
        }
        {
          path: '/approvedAtMs'
          order: 'ascending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/state'
          order: 'ascending'
        }
        {
          path: '/irrecoverableAfterMs'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    name: 'jobs'
    partitionKey: '/tenantId'
    ttl: false
    excludedPaths: []
    compositeIndexes: []
  }
  // The audit trail before lanes, kept only until scripts/migrate-audit has copied it (docs/audit-scale.md).
  {
    name: 'audit'
    partitionKey: '/tenantId'
    ttl: true
    excludedPaths: []
    compositeIndexes: []
  }
  // Hierarchical: tenant, then chain lane, so one tenant's trail is not bound by one logical partition. Queries: a
  // chain in sequence order (verification), events newest first by each filter, and chain heads changed since.
  {
    name: 'audit-trail'
    partitionKey: '/tenantId,/chain'
    ttl: true
    excludedPaths: [
      '/hash/?'
      '/prevHash/?'
      '/purpose/?'
      '/ticket/?'
      '/requestId/?'
    ]
    compositeIndexes: [
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/chain'
          order: 'ascending'
        }
        {
          path: '/sequence'
          order: 'ascending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/atMs'
          order: 'descending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/actor'
          order: 'ascending'
        }
        {
          path: '/atMs'
          order: 'descending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/action'
          order: 'ascending'
        }
        {
          path: '/atMs'
          order: 'descending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/target'
          order: 'ascending'
        }
        {
          path: '/atMs'
          order: 'descending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/grantId'
          order: 'ascending'
        }
        {
          path: '/atMs'
          order: 'descending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/_ts'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    name: 'incidents'
    partitionKey: '/id'
    ttl: false
    excludedPaths: []
    compositeIndexes: []
  }
  // Per tenant: its contacts, its notices and the send ledger (one entry per notice and recipient); the stamp's send
  // budget in partition _stamp. Addresses and texts are read by id, never queried.
  {
    name: 'notifications'
    partitionKey: '/tenantId'
    ttl: false
    excludedPaths: [
      '/text/?'
      '/subject/?'
      '/recipient/?'
      '/privacy/*'
      '/security/*'
      '/admins/*'
    ]
    // A tenant's notices, newest first.
    compositeIndexes: [
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/createdAt'
          order: 'descending'
        }
      ]
    ]
  }
]
var primaryLocation = [
  {
    locationName: location
    failoverPriority: 0
    isZoneRedundant: true
  }
]
var pairedLocations = replicateToPairedRegion ? [
  {
    locationName: pairedLocation
    failoverPriority: 1
    isZoneRedundant: false
  }
] : []

resource metadata 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  // checkov:skip=CKV_AZURE_101: service endpoints of the stamp's subnet reach it through the public endpoint, which denies everything else (firewall default Deny); no private endpoints
  name: 'cosmos-${token}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: concat(primaryLocation, pairedLocations)
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    isVirtualNetworkFilterEnabled: true
    virtualNetworkRules: [
      {
        id: subnetId
        ignoreMissingVNetServiceEndpoint: false
      }
    ]
    networkAclBypass: 'None'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous30Days'
      }
    }
  }
}

resource keyring 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  // checkov:skip=CKV_AZURE_101: service endpoints of the stamp's subnet reach it through the public endpoint, which denies everything else (firewall default Deny); no private endpoints
  name: 'cosmos-${token}-keyring'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: primaryLocation
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    isVirtualNetworkFilterEnabled: true
    virtualNetworkRules: [
      {
        id: subnetId
        ignoreMissingVNetServiceEndpoint: false
      }
    ]
    networkAclBypass: 'None'
    backupPolicy: {
      type: 'Periodic'
      periodicModeProperties: {
        backupIntervalInMinutes: 60
        backupRetentionIntervalInHours: 48
        backupStorageRedundancy: 'Zone'
      }
    }
  }
}

resource metadataDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: metadata
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource metadataContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for container in metadataContainers: {
  parent: metadataDatabase
  name: container.name
  properties: {
    resource: union({
      id: container.name
      partitionKey: length(split(container.partitionKey, ',')) > 1 ? {
        paths: split(container.partitionKey, ',')
        kind: 'MultiHash'
        version: 2
      } : {
        paths: [
          container.partitionKey
        ]
        kind: 'Hash'
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: [for path in concat(container.excludedPaths, ['/"_etag"/?']): {
          path: path
        }]
        compositeIndexes: container.compositeIndexes
      }
    }, container.ttl ? { defaultTtl: -1 } : {})
    options: {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput[container.name]
      }
    }
  }
}]

resource keyringDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: keyring
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource keyringContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: keyringDatabase
  name: 'keyring'
  properties: {
    resource: {
      id: 'keyring'
      partitionKey: {
        paths: [
          '/tenantId'
        ]
        kind: 'Hash'
      }
      // Keys of unfinished uploads carry their own ttl; every other entry lives until it is destroyed.
      defaultTtl: -1
      // Sealed DEKs are read by id, never queried.
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: [
          {
            path: '/sealedDek/?'
          }
          {
            path: '/"_etag"/?'
          }
        ]
      }
    }
    options: {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput.keyring
      }
    }
  }
}

resource metadataDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: metadata
  name: guid(metadata.id, functionPrincipalId, dataContributor)
  properties: {
    roleDefinitionId: '${metadata.id}/sqlRoleDefinitions/${dataContributor}'
    principalId: functionPrincipalId
    scope: metadata.id
  }
}

resource keyringDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: keyring
  name: guid(keyring.id, functionPrincipalId, dataContributor)
  properties: {
    roleDefinitionId: '${keyring.id}/sqlRoleDefinitions/${dataContributor}'
    principalId: functionPrincipalId
    scope: keyring.id
  }
}

resource metadataDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: metadata
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [for category in cosmosLogCategories: {
      category: category
      enabled: true
    }]
    metrics: [
      {
        category: 'Requests'
        enabled: true
      }
    ]
  }
}

resource keyringDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyring
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [for category in cosmosLogCategories: {
      category: category
      enabled: true
    }]
    metrics: [
      {
        category: 'Requests'
        enabled: true
      }
    ]
  }
}

@description('Endpoint of the metadata account.')
output metadataEndpoint string = metadata.properties.documentEndpoint

@description('Endpoint of the keyring account.')
output keyringEndpoint string = keyring.properties.documentEndpoint
