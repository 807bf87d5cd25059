// Azure Backup for the stamp's blobs: a vault in the stamp's region whose copies stay in that region (locally
// or zone redundant, no cross-region restore), weekly vaulted backups kept 4 weeks, the first of each month
// kept 12 months. Content is ciphertext under per-asset DEKs, so erasing a DEK also erases it in every backup.

@description('Required. Region of the stamp.')
param location string

@description('Required. Naming token (workload, environment, region).')
param token string

@description('Required. Name of the storage account to protect.')
param storageAccountName string

@description('Required. Containers to back up.')
param containerNames array

@description('Required. Log Analytics workspace for diagnostics.')
param workspaceId string

@description('Optional. Tags.')
param tags object = {}

// "Storage Account Backup Contributor": what the vault needs on the account it protects.
var storageAccountBackupContributor = 'e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1'
var vaultStore = {
  dataStoreType: 'VaultStore'
  objectType: 'DataStoreInfoBase'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.DataProtection/backupVaults@2024-04-01' = {
  name: 'bvault-${token}'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    storageSettings: [
      {
        datastoreType: 'VaultStore'
        type: 'ZoneRedundant'
      }
    ]
    featureSettings: {
      crossRegionRestoreSettings: {
        state: 'Disabled'
      }
    }
    securitySettings: {
      softDeleteSettings: {
        state: 'On'
        retentionDurationInDays: 14
      }
      immutabilitySettings: {
        state: 'Unlocked'
      }
    }
  }
}

resource blobPolicy 'Microsoft.DataProtection/backupVaults/backupPolicies@2024-04-01' = {
  parent: vault
  name: 'blobs-weekly-4w-monthly-12m'
  properties: {
    objectType: 'BackupPolicy'
    datasourceTypes: [
      'Microsoft.Storage/storageAccounts/blobServices'
    ]
    policyRules: [
      {
        name: 'BackupWeekly'
        objectType: 'AzureBackupRule'
        backupParameters: {
          objectType: 'AzureBackupParams'
          backupType: 'Discrete'
        }
        dataStore: vaultStore
        trigger: {
          objectType: 'ScheduleBasedTriggerContext'
          schedule: {
            repeatingTimeIntervals: [
              'R/2026-01-04T02:00:00+00:00/P1W'
            ]
            timeZone: 'UTC'
          }
          taggingCriteria: [
            {
              isDefault: true
              taggingPriority: 99
              tagInfo: {
                tagName: 'Default'
              }
            }
            {
              isDefault: false
              taggingPriority: 20
              tagInfo: {
                tagName: 'Monthly'
              }
              criteria: [
                {
                  objectType: 'ScheduleBasedBackupCriteria'
                  absoluteCriteria: [
                    'FirstOfMonth'
                  ]
                }
              ]
            }
          ]
        }
      }
      {
        name: 'Default'
        objectType: 'AzureRetentionRule'
        isDefault: true
        lifecycles: [
          {
            deleteAfter: {
              objectType: 'AbsoluteDeleteOption'
              duration: 'P4W'
            }
            sourceDataStore: vaultStore
            targetDataStoreCopySettings: []
          }
        ]
      }
      {
        name: 'Monthly'
        objectType: 'AzureRetentionRule'
        isDefault: false
        lifecycles: [
          {
            deleteAfter: {
              objectType: 'AbsoluteDeleteOption'
              duration: 'P12M'
            }
            sourceDataStore: vaultStore
            targetDataStoreCopySettings: []
          }
        ]
      }
    ]
  }
}

resource backupContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, vault.id, storageAccountBackupContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageAccountBackupContributor)
    principalId: vault.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobInstance 'Microsoft.DataProtection/backupVaults/backupInstances@2024-04-01' = {
  parent: vault
  name: storageAccountName
  properties: {
    objectType: 'BackupInstance'
    friendlyName: storageAccountName
    dataSourceInfo: {
      objectType: 'Datasource'
      resourceID: storageAccount.id
      resourceName: storageAccountName
      resourceType: 'Microsoft.Storage/storageAccounts'
      resourceUri: storageAccount.id
      resourceLocation: location
      datasourceType: 'Microsoft.Storage/storageAccounts/blobServices'
    }
    policyInfo: {
      policyId: blobPolicy.id
      policyParameters: {
        backupDatasourceParametersList: [
          {
            objectType: 'BlobBackupDatasourceParameters'
            containersList: containerNames
          }
        ]
      }
    }
  }
  dependsOn: [
    backupContributor
  ]
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
