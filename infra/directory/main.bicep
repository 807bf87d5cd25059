// The tenant directory that every stamp reads: Entra tenant id -> Strongroom tenant id and home region, nothing
// else (no names, no personal data), so a stamp can answer 421 for a customer homed elsewhere. One Cosmos DB
// account, deployed once, before the stamps: written in one region only, so that creating an entry (the claim
// of an Entra tenant) is unique everywhere, and readable from a replica in every stamp's region.
// Order: deploy this with no allowed subnets, deploy the stamps (each grants itself access with
// modules/directoryaccess.bicep), then deploy this again with the stamps' subnets in allowedSubnetIds.
targetScope = 'resourceGroup'

@description('Required. The write region of the directory.')
@allowed([
  'eastus'
  'westeurope'
  'germanywestcentral'
  'australiaeast'
])
param location string

@description('Required. Regions holding a read replica: every stamp region other than the write region.')
param readLocations array

@description('Required. Environment name, part of the account name.')
@allowed([
  'dev'
  'prod'
])
param environment string

@description('Optional. Short workload name, part of the account name.')
@minLength(2)
@maxLength(6)
param workload string = 'sr'

@description('Required. Integration subnets of the stamps\' Function Apps, the only networks that reach the account.')
param allowedSubnetIds array

@description('Required. Log Analytics workspace that receives the account\'s diagnostics.')
param workspaceId string

@description('Optional. Autoscale maximum request units per second of the directory container (entries are small and read by id).')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

@description('Optional. Tags.')
param tags object = {}

var databaseName = 'strongroom-directory'
var writeLocation = [
  {
    locationName: location
    failoverPriority: 0
    isZoneRedundant: true
  }
]
var readReplicaLocations = [for (readLocation, i) in readLocations: {
  locationName: readLocation
  failoverPriority: i + 1
  isZoneRedundant: false
}]

resource directory 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  // checkov:skip=CKV_AZURE_101: every stamp's subnet reaches it through the public endpoint with a virtual network filter; no private endpoints
  name: 'cosmos-${workload}-directory-${environment}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: concat(writeLocation, readReplicaLocations)
    enableMultipleWriteLocations: false
    // A new entry is seen by the other regions within the replication lag; until then they answer 403 for it.
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    isVirtualNetworkFilterEnabled: true
    virtualNetworkRules: [for subnetId in allowedSubnetIds: {
      id: subnetId
      ignoreMissingVNetServiceEndpoint: false
    }]
    networkAclBypass: 'None'
    // The entries can be rebuilt from the stamps' tenants; short backups suffice.
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

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: directory
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource entries 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'directory'
  properties: {
    resource: {
      id: 'directory'
      partitionKey: {
        paths: [
          '/id'
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
        excludedPaths: [
          {
            path: '/"_etag"/?'
          }
        ]
      }
    }
    options: {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: directory
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    // Named categories, as Azure Cosmos DB documents them; the 'audit' category group is not documented for it.
    logs: [
      {
        category: 'ControlPlaneRequests'
        enabled: true
      }
      {
        category: 'DataPlaneRequests'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'Requests'
        enabled: true
      }
    ]
  }
}

@description('The directory account\'s name, for each stamp\'s directoryAccountName.')
output accountName string = directory.name

@description('The directory account\'s endpoint.')
output endpoint string = directory.properties.documentEndpoint
