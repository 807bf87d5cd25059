// The stamp's Key Vault: tenant KEKs (created by the app), the storage encryption key and the signing key for
// audit checkpoints and receipts. RBAC only, purge protection, reachable only from the stamp's subnet and
// trusted Azure services (storage's customer-managed key).

@description('Required. Region of the stamp.')
param location string

@description('Required. Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Name of the RSA signing key for audit checkpoints and receipts.')
param signingKeyName string

@description('Required. Principal id of the Function App\'s identity.')
param functionPrincipalId string

@description('Required. Principal id of the identity storage uses to reach its encryption key.')
param storagePrincipalId string

@description('Required. Resource id of the subnet allowed through the vault\'s firewall.')
param subnetId string

@description('Required. Log Analytics workspace for diagnostics.')
param workspaceId string

@description('Optional. Time of this deployment. A key\'s first version gets no expiry from its rotation policy, so its expiry is set from this; later deployments do not change an existing key.')
param keysCreatedAt string = utcNow()

@description('Optional. Tags.')
param tags object = {}

var roles = {
  cryptoOfficer: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603'
  cryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
}
var storageKeyName = 'storage-cmk'
// One policy for both keys, shared with scripts/apply-key-rotation-policy: a redeploy never changes an existing key,
// so a change here reaches the vault through that script.
var rotationPolicy = loadJsonContent('key-rotation-policy.json')
// Without an expiry the policy's notify action never fires for the first version.
var firstVersionExpiry = dateTimeToEpoch(dateTimeAdd(keysCreatedAt, rotationPolicy.attributes.expiryTime))

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  // checkov:skip=CKV_AZURE_189: service endpoints of the stamp's subnet reach it through the public endpoint, which denies everything else (firewall default Deny); no private endpoints
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      virtualNetworkRules: [
        {
          id: subnetId
          ignoreMissingVnetServiceEndpoint: false
        }
      ]
      ipRules: []
    }
  }
}

resource storageKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  // checkov:skip=CKV_AZURE_40: attributes.exp is set, from keysCreatedAt, which checkov does not evaluate (offline check: keyvault-key-expiry)
  parent: vault
  name: storageKeyName
  properties: {
    kty: 'RSA-HSM'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      exp: firstVersionExpiry
    }
    rotationPolicy: rotationPolicy
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  // checkov:skip=CKV_AZURE_40: attributes.exp is set, from keysCreatedAt, which checkov does not evaluate (offline check: keyvault-key-expiry)
  parent: vault
  name: signingKeyName
  properties: {
    kty: 'RSA-HSM'
    keySize: 3072
    keyOps: [
      'sign'
      'verify'
    ]
    attributes: {
      exp: firstVersionExpiry
    }
    rotationPolicy: rotationPolicy
  }
}

// The app creates, uses and destroys tenant KEKs and signs with the signing key: Crypto Officer on this vault.
resource functionCryptoOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionPrincipalId, roles.cryptoOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cryptoOfficer)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Storage wraps its account key with the storage key and nothing else.
resource storageKeyUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageKey.id, storagePrincipalId, roles.cryptoServiceEncryptionUser)
  scope: storageKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cryptoServiceEncryptionUser)
    principalId: storagePrincipalId
    principalType: 'ServicePrincipal'
  }
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
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('The vault\'s URI.')
output uri string = vault.properties.vaultUri

@description('Name of the storage encryption key.')
output storageKeyName string = storageKey.name
