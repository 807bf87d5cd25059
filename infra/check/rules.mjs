// What the stamp promises, as facts the offline check can hold the templates to.

export const STAMP_REGIONS = ['eastus', 'westeurope', 'germanywestcentral', 'australiaeast'];

/** Geography of every region a stamp may touch: its own and its Azure pair inside the same geography. */
export const GEOGRAPHY = {
  eastus: 'United States',
  westus: 'United States',
  westeurope: 'Europe',
  northeurope: 'Europe',
  germanywestcentral: 'Germany',
  germanynorth: 'Germany',
  australiaeast: 'Australia',
  australiasoutheast: 'Australia',
};

/** The only paired region each stamp may replicate to. */
export const PAIRED_REGION = {
  eastus: 'westus',
  westeurope: 'northeurope',
  germanywestcentral: 'germanynorth',
  australiaeast: 'australiasoutheast',
};

/** Global edge services that keep no customer data at rest; the only resources allowed at 'global'. */
export const EDGE_TYPES = ['Microsoft.Cdn/profiles', 'Microsoft.Cdn/profiles/afdEndpoints',
  'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies'];

/** Resource types that must send their logs and metrics to the stamp's workspace. */
export const MONITORED_TYPES = ['Microsoft.Storage/storageAccounts', 'Microsoft.Storage/storageAccounts/blobServices',
  'Microsoft.Storage/storageAccounts/queueServices', 'Microsoft.DocumentDB/databaseAccounts',
  'Microsoft.KeyVault/vaults', 'Microsoft.Web/sites',
  'Microsoft.DataProtection/backupVaults', 'Microsoft.OperationalInsights/workspaces', 'Microsoft.Insights/components',
  'Microsoft.Network/virtualNetworks', 'Microsoft.Network/networkSecurityGroups', 'Microsoft.Cdn/profiles'];

// A Flex Consumption plan has no documented metric or log category, so it has no diagnostic setting.

/**
 * Resource log categories a diagnostic setting may name, for the types whose documentation lists them; a category
 * group or another category fails the deployment or silently collects nothing.
 */
export const DOCUMENTED_LOG_CATEGORIES = {
  'Microsoft.DocumentDB/databaseAccounts': ['ControlPlaneRequests', 'DataPlaneRequests', 'QueryRuntimeStatistics',
    'PartitionKeyStatistics', 'PartitionKeyRUConsumption'],
  'Microsoft.OperationalInsights/workspaces': ['Audit'],
  'Microsoft.Web/sites': [],
};

/** Settings that exist only in local mode (emulator secrets, local key files); the app refuses them in Azure. */
export const LOCAL_ONLY_SETTINGS = ['STORAGE', 'COSMOS_KEY', 'LOCAL_KEYS_DIR', 'LOCAL_OUTBOX_DIR'];

// Write-once evidence: kept in a storage account of its own, which no point-in-time restore reaches.
export const EVIDENCE_CONTAINERS = ['audit-checkpoints', 'erasure-ledger'];

/**
 * Composite indexes the adapters' queries need (filters, then ORDER BY), by metadata container. Each list is one
 * composite index: paths with their order. Source: the SQL of the Cosmos DB adapters in functions/.
 */
export const QUERY_COMPOSITE_INDEXES = {
  assets: [['/state asc', '/createdAt asc']],
  grants: [['/status asc', '/expiresAtMs asc']],
  erasures: [['/type asc', '/state asc', '/requestedAt desc'], ['/type asc', '/requestedAt desc'],
    ['/type asc', '/erasureId asc', '/assetId asc']],
  notifications: [['/type asc', '/createdAt desc']],
  'audit-trail': [['/type asc', '/chain asc', '/sequence asc'], ['/type asc', '/atMs desc'],
    ...['actor', 'action', 'target', 'grantId'].map((p) => ['/type asc', `/${p} asc`, '/atMs desc'])],
};

/** What the stamp's alert rules must watch: a name, and a text one rule's log query must contain. */
export const ALERT_SIGNALS = [
  ['integrity failures', 'integrity check failed in '],
  ['audit-store outages', 'dependency unavailable: audit'],
  ['refused access', '"401", "403"'],
  ['poison-queue messages', '-poison'],
  ['Key Vault throttling', '429'],
];
