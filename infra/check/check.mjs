// The offline check of the Bicep templates: syntax (a real Bicep grammar), module and parameter wiring, and
// the stamp's policy rules. Usage: node check.mjs [infra folder] [--json]. Exit 1 when anything is found.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allResources, evaluate, parseFile, properties, Scope, stringValue, Unknown, valueAt } from './bicep.mjs';
import { ALERT_SIGNALS, DOCUMENTED_LOG_CATEGORIES, EDGE_TYPES, EVIDENCE_CONTAINERS, LOCAL_ONLY_SETTINGS, MONITORED_TYPES, PAIRED_REGION, QUERY_COMPOSITE_INDEXES,
  STAMP_REGIONS } from './rules.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const findings = [];
const fail = (rule, file, line, message) => findings.push({ rule, file: relative(root, file), line, message });

function templateFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'check') continue;
    if (statSync(path).isDirectory()) out.push(...templateFiles(path));
    else if (name.endsWith('.bicep') || name.endsWith('.bicepparam')) out.push(path);
  }
  return out.sort();
}

const models = new Map();
const load = (file) => {
  if (!models.has(file)) models.set(file, parseFile(file));
  return models.get(file);
};

const property = (resource, path, scope) => valueAt(resource.body, path, scope);

function requireValue(model, resource, rule, path, expected, scope) {
  const { value } = property(resource, path, scope);
  const ok = typeof expected === 'function' ? expected(value) : value === expected;
  if (!ok) {
    const shown = value === undefined ? 'missing' : value instanceof Unknown ? `not a literal (${value.text})` : JSON.stringify(value);
    fail(rule, model.file, resource.line, `${resource.symbol} (${resource.type}): ${path} must be ${typeof expected === 'function' ? expected.description : JSON.stringify(expected)}, is ${shown}`);
  }
}

const described = (description, predicate) => Object.assign(predicate, { description });
const isGuidCall = (node) => node?.type === 'call_expression' && node.text.startsWith('guid(');

function checkWiring(model) {
  for (const module of model.modules) {
    const target = resolve(dirname(model.file), module.path);
    if (!existsSync(target)) {
      fail('module-missing', model.file, module.line, `module ${module.symbol}: ${module.path} does not exist`);
      continue;
    }
    const declared = load(target).params;
    const given = properties(properties(module.body).get('params'));
    for (const name of given.keys()) {
      if (!declared.has(name)) fail('module-unknown-param', model.file, module.line, `module ${module.symbol} passes ${name}, which ${module.path} does not declare`);
    }
    for (const p of declared.values()) {
      if (!p.default && !p.nullable && !given.has(p.name)) fail('module-missing-param', model.file, module.line, `module ${module.symbol} does not pass required ${p.name} of ${module.path}`);
    }
  }
}

function checkParameterFile(model) {
  if (!model.using) {
    fail('params-using-missing', model.file, 1, 'no using statement');
    return;
  }
  const target = resolve(dirname(model.file), model.using);
  if (!existsSync(target)) {
    fail('params-using-missing', model.file, 1, `${model.using} does not exist`);
    return;
  }
  const main = load(target);
  const scope = new Scope(model, new Map());
  for (const assignment of model.vars.values()) {
    const declared = main.params.get(assignment.name);
    if (!declared) {
      fail('params-unknown-param', model.file, assignment.line, `${assignment.name} is not a parameter of ${model.using}`);
      continue;
    }
    const value = evaluate(assignment.expression, scope);
    const allowed = declared.decorators.find((d) => d.name === 'allowed');
    if (allowed) {
      const values = evaluate(allowed.args[0], scope);
      if (Array.isArray(values) && !values.includes(value)) fail('params-not-allowed', model.file, assignment.line, `${assignment.name} = ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
    }
    const bound = (name) => declared.decorators.find((d) => d.name === name)?.args[0];
    const [min, max] = [bound('minValue'), bound('maxValue')].map((b) => (b ? evaluate(b, scope) : undefined));
    if (typeof value === 'number' && ((typeof min === 'number' && value < min) || (typeof max === 'number' && value > max))) {
      fail('params-out-of-range', model.file, assignment.line, `${assignment.name} = ${value} is outside ${min ?? '-inf'}..${max ?? 'inf'}`);
    }
  }
  for (const p of main.params.values()) {
    if (!p.default && !p.nullable && !model.vars.has(p.name)) fail('params-missing-param', model.file, 1, `required parameter ${p.name} of ${model.using} is not set`);
  }
}

function checkStampEntry(model) {
  const region = model.params.get('region');
  if (!region) return;
  const scope = new Scope(model, new Map());
  const values = allowedValues(model, 'region');
  if (values.length !== STAMP_REGIONS.length || !STAMP_REGIONS.every((r) => values.includes(r))) {
    fail('region-allowed', model.file, region.line, `region must be @allowed exactly ${STAMP_REGIONS.join(', ')}`);
  }
  const pairs = model.vars.get('pairedRegions');
  const value = pairs ? evaluate(pairs.expression, scope) : null;
  if (!value || JSON.stringify(Object.entries(value).sort()) !== JSON.stringify(Object.entries(PAIRED_REGION).sort())) {
    fail('paired-regions', model.file, pairs?.line ?? 1, 'pairedRegions must map each stamp region to its pair in the same geography, and nothing else');
  }
  checkCosmosThroughput(model, scope);
  checkAlerts(model);
  const backedUp = backedUpStorageModules(model);
  for (const module of model.modules) {
    const target = resolve(dirname(model.file), module.path);
    if (!existsSync(target) || !load(target).params.has('immutableContainerNames')) continue;
    const given = properties(properties(module.body).get('params'));
    // Vaulted blob backup copies by object replication and fails unless the account allows it; no other account may.
    const replicationAllowed = given.has('allowCrossTenantReplication') && evaluate(given.get('allowCrossTenantReplication'), scope) === true;
    if (backedUp.has(module.symbol) !== replicationAllowed) {
      fail('storage-backup-replication', model.file, module.line, backedUp.has(module.symbol)
        ? `module ${module.symbol} is protected by vaulted backup, which needs allowCrossTenantReplication: true`
        : `module ${module.symbol} is not backed up by the vault and must not allow cross-tenant replication`);
    }
    const containers = given.has('containerNames') ? evaluate(given.get('containerNames'), scope) : [];
    if (!Array.isArray(containers)) continue;
    const evidence = containers.filter((c) => EVIDENCE_CONTAINERS.includes(c));
    const immutable = evaluate(given.get('immutableContainerNames'), scope);
    for (const container of evidence) {
      if (!Array.isArray(immutable) || !immutable.includes(container)) fail('storage-immutable-checkpoints', model.file, module.line, `module ${module.symbol} creates ${container} without making it write-once`);
    }
    // Immutable storage and point-in-time restore do not mix, and a restore of the data must not reach the evidence.
    const restorable = given.has('pointInTimeRestore') ? evaluate(given.get('pointInTimeRestore'), scope) !== false : true;
    if (evidence.length > 0 && (restorable || evidence.length !== containers.length)) {
      fail('storage-evidence-apart', model.file, module.line, `module ${module.symbol} must keep ${evidence.join(', ')} in an account of their own, with pointInTimeRestore: false`);
    }
  }
}

/** Symbols of the storage modules whose account a backup module protects (its storageAccountName is their output). */
function backedUpStorageModules(model) {
  const out = new Set();
  for (const module of model.modules) {
    const target = resolve(dirname(model.file), module.path);
    if (!existsSync(target)) continue;
    const protects = allResources(load(target)).some((r) => r.type === 'Microsoft.DataProtection/backupVaults/backupInstances');
    const account = properties(properties(module.body).get('params')).get('storageAccountName');
    if (protects && account) out.add(account.text.split('.')[0]);
  }
  return out;
}

function checkLocation(model, resource, scope) {
  const { node, value } = property(resource, 'location', scope);
  if (!node) return;
  const isEdge = EDGE_TYPES.includes(resource.type);
  if (isEdge && value === 'global') return;
  if (node.type === 'identifier' && ['location', 'region'].includes(node.text) && model.params.has(node.text)) return;
  fail('location', model.file, resource.line, `${resource.symbol} (${resource.type}): location must be the stamp's region parameter${isEdge ? " or 'global'" : ''}, is ${node.text}`);
}

function checkResource(model, resource, scope, all) {
  const r = resource;
  checkLocation(model, r, scope);
  const req = (rule, path, expected) => requireValue(model, r, rule, path, expected, scope);
  const publicAccess = property(r, 'properties.publicNetworkAccess', scope).value;
  switch (r.type) {
    case 'Microsoft.Storage/storageAccounts':
      req('storage-tls', 'properties.minimumTlsVersion', 'TLS1_2');
      req('storage-https', 'properties.supportsHttpsTrafficOnly', true);
      req('storage-public-blob', 'properties.allowBlobPublicAccess', false);
      req('storage-shared-key', 'properties.allowSharedKeyAccess', false);
      req('storage-infrastructure-encryption', 'properties.encryption.requireInfrastructureEncryption', true);
      req('storage-cmk', 'properties.encryption.keySource', 'Microsoft.Keyvault');
      req('storage-backup-replication', 'properties.allowCrossTenantReplication', false);
      if (publicAccess !== 'Disabled') req('public-network', 'properties.networkAcls.defaultAction', 'Deny');
      break;
    case 'Microsoft.Storage/storageAccounts/blobServices':
      req('storage-versioning', 'properties.isVersioningEnabled', true);
      req('storage-soft-delete', 'properties.deleteRetentionPolicy.enabled', true);
      req('storage-soft-delete', 'properties.containerDeleteRetentionPolicy.enabled', true);
      req('storage-change-feed', 'properties.changeFeed.enabled', true);
      req('storage-point-in-time-restore', 'properties.restorePolicy.enabled', true);
      break;
    case 'Microsoft.Storage/storageAccounts/blobServices/containers':
      req('public-network', 'properties.publicAccess', 'None');
      break;
    case 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies':
      req('storage-immutable-checkpoints', 'properties.immutabilityPeriodSinceCreationInDays',
        described('at least 365', (v) => typeof v === 'number' && v >= 365));
      break;
    case 'Microsoft.DocumentDB/databaseAccounts':
      req('cosmos-local-auth', 'properties.disableLocalAuth', true);
      req('cosmos-tls', 'properties.minimalTlsVersion', 'Tls12');
      if (publicAccess !== 'Disabled') req('public-network', 'properties.isVirtualNetworkFilterEnabled', true);
      req('cosmos-backup', 'properties.backupPolicy.type', described('Continuous or Periodic', (v) => v === 'Continuous' || v === 'Periodic'));
      if (property(r, 'properties.backupPolicy.type', scope).value === 'Periodic') {
        req('cosmos-backup', 'properties.backupPolicy.periodicModeProperties.backupIntervalInMinutes', 60);
        req('cosmos-backup', 'properties.backupPolicy.periodicModeProperties.backupRetentionIntervalInHours', 48);
        req('cosmos-backup', 'properties.backupPolicy.periodicModeProperties.backupStorageRedundancy',
          described('Local or Zone', (v) => v === 'Local' || v === 'Zone'));
      }
      break;
    case 'Microsoft.KeyVault/vaults':
      req('keyvault-rbac', 'properties.enableRbacAuthorization', true);
      req('keyvault-purge-protection', 'properties.enablePurgeProtection', true);
      req('keyvault-soft-delete', 'properties.enableSoftDelete', true);
      req('keyvault-soft-delete', 'properties.softDeleteRetentionInDays', 90);
      if (publicAccess !== 'Disabled') req('public-network', 'properties.networkAcls.defaultAction', 'Deny');
      break;
    case 'Microsoft.KeyVault/vaults/keys':
      req('keyvault-key-type', 'properties.kty', 'RSA-HSM');
      req('keyvault-key-rotation', 'properties.rotationPolicy', described('a policy whose lifetimeActions rotate',
        (v) => Array.isArray(v?.lifetimeActions) && v.lifetimeActions.some((a) => a?.action?.type === 'rotate')));
      // The notify action counts down to an expiry: rotated versions get it from the policy, the first from attributes.exp.
      req('keyvault-key-expiry', 'properties.rotationPolicy', described('a policy with expiryTime and a notify action before expiry',
        (v) => typeof v?.attributes?.expiryTime === 'string'
          && v.lifetimeActions?.some((a) => a?.action?.type === 'notify' && a?.trigger?.timeBeforeExpiry)));
      if (!property(r, 'properties.attributes.exp', scope).node) {
        fail('keyvault-key-expiry', model.file, r.line, `${r.symbol}: the first version needs properties.attributes.exp, or the notify action never fires for it`);
      }
      break;
    case 'Microsoft.Web/sites':
      req('function-https', 'properties.httpsOnly', true);
      req('function-tls', 'properties.siteConfig.minTlsVersion', '1.2');
      checkPublishingCredentials(model, r, scope, all);
      req('function-identity', 'identity.type', described('a managed identity', (v) => typeof v === 'string' && /Assigned/.test(v)));
      req('function-runtime', 'kind', described('a Linux function app', (v) => typeof v === 'string' && v.includes('linux')));
      for (const plan of allowedValues(model, 'hostingPlan')) checkSiteOnPlan(model, r, plan, plan ? scope.with('hostingPlan', plan) : scope);
      break;
    case 'Microsoft.Web/serverfarms':
      for (const plan of allowedValues(model, 'hostingPlan')) {
        const sku = property(r, 'sku', plan ? scope.with('hostingPlan', plan) : scope).value;
        const expected = plan === 'ElasticPremium' ? /^EP[123]$/ : /^FC1$/;
        if (!expected.test(sku?.name)) fail('function-plan', model.file, r.line, `${r.symbol} on ${plan ?? 'FlexConsumption'}: sku.name must match ${expected}, is ${JSON.stringify(sku?.name)}`);
      }
      break;
    case 'Microsoft.Network/virtualNetworks':
      for (const plan of allowedValues(model, 'hostingPlan')) {
        const subnets = property(r, 'properties.subnets', plan ? scope.with('hostingPlan', plan) : scope).value;
        const services = (Array.isArray(subnets) ? subnets : []).flatMap((n) => n?.properties?.delegations ?? []).map((d) => d?.properties?.serviceName);
        const expected = plan === 'ElasticPremium' ? 'Microsoft.Web/serverFarms' : 'Microsoft.App/environments';
        if (!services.includes(expected)) fail('function-subnet-delegation', model.file, r.line, `${r.symbol} on ${plan ?? 'FlexConsumption'}: the app's subnet must be delegated to ${expected}, is ${JSON.stringify(services)}`);
      }
      break;
    case 'Microsoft.OperationalInsights/workspaces':
      req('monitoring-local-auth', 'properties.features.disableLocalAuth', true);
      // Logs are for security personnel: workspace permissions only, granted to a group on the workspace.
      req('monitoring-log-access', 'properties.features.enableLogAccessUsingOnlyResourcePermissions', false);
      if (!all.some((a) => a.type === 'Microsoft.Authorization/roleAssignments' && properties(a.body).get('scope')?.text === r.symbol
        && property(a, 'properties.principalType', scope).value === 'Group')) {
        fail('monitoring-log-access', model.file, r.line, `${r.symbol}: grant the security group (principalType Group) its read role on the workspace`);
      }
      req('monitoring-retention', 'properties.retentionInDays', described('at least 365', (v) => typeof v === 'number' && v >= 365));
      break;
    case 'Microsoft.OperationalInsights/workspaces/tables':
      req('monitoring-retention', 'properties.retentionInDays', described('at least 14', (v) => typeof v === 'number' && v >= 14));
      break;
    case 'Microsoft.Insights/components':
      req('monitoring-local-auth', 'properties.DisableLocalAuth', true);
      break;
    case 'Microsoft.DataProtection/backupVaults':
      req('backup-redundancy', 'properties.storageSettings', described('locally or zone redundant only', (v) => Array.isArray(v)
        && v.length > 0 && v.every((s) => s?.type === 'LocallyRedundant' || s?.type === 'ZoneRedundant')));
      req('backup-redundancy', 'properties.featureSettings.crossRegionRestoreSettings.state', 'Disabled');
      break;
    case 'Microsoft.Authorization/roleAssignments':
    case 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': {
      if (!isGuidCall(properties(r.body).get('name'))) fail('role-assignment-name', model.file, r.line, `${r.symbol}: a role assignment is named by guid(...)`);
      if (r.type === 'Microsoft.Authorization/roleAssignments' && !properties(r.body).has('scope')) {
        fail('role-assignment-scope', model.file, r.line, `${r.symbol}: a role assignment is scoped to one resource, not the resource group`);
      }
      break;
    }
    case 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies':
      req('frontdoor-waf', 'properties.policySettings.mode', 'Prevention');
      req('frontdoor-waf', 'properties.managedRules.managedRuleSets', described('a managed rule set', (v) => Array.isArray(v) && v.length > 0));
      req('frontdoor-waf', 'properties.customRules.rules', described('a rate limit rule', (v) => Array.isArray(v) && v.some((x) => x?.ruleType === 'RateLimitRule')));
      req('frontdoor-rate-limit-all', 'properties.customRules.rules', described('a rate limit rule matching every request (Host header of length >= 0)',
        (v) => Array.isArray(v) && v.some((x) => x?.ruleType === 'RateLimitRule' && x.matchConditions?.length === 1
          && x.matchConditions.every((c) => c.matchVariable === 'RequestHeader' && c.selector === 'Host'
            && c.operator === 'GreaterThanOrEqual' && !c.negateCondition && JSON.stringify(c.matchValue) === '["0"]'))));
      break;
    case 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers':
      for (const itemScope of loopScopes(r, scope)) checkContainer(model, r, itemScope);
      break;
    case 'Microsoft.Insights/diagnosticSettings': {
      const target = all.find((t) => t.symbol === properties(r.body).get('scope')?.text);
      const documented = DOCUMENTED_LOG_CATEGORIES[target?.type];
      const logs = property(r, 'properties.logs', scope).value;
      if (!documented || !Array.isArray(logs)) break;
      for (const log of logs) {
        if (!documented.includes(log?.category)) {
          fail('diagnostics-category', model.file, r.line, `${r.symbol}: ${target.type} documents no log ${log?.categoryGroup ? `category group ${log.categoryGroup}` : `category ${log?.category}`}; use ${documented.join(', ') || 'metrics only'}`);
        }
      }
      break;
    }
    default:
      break;
  }
  if (MONITORED_TYPES.includes(r.type)) {
    const diagnosed = all.some((d) => d.type === 'Microsoft.Insights/diagnosticSettings'
      && properties(d.body).get('scope')?.text === r.symbol
      && evaluate(properties(properties(d.body).get('properties')).get('workspaceId'), scope) !== undefined);
    if (!diagnosed) fail('diagnostics', model.file, r.line, `${r.symbol} (${r.type}) has no diagnostic setting to the workspace`);
  }
}

// Flex Consumption rejects siteConfig.ftpsState; FTP and SCM stay closed by refusing basic publishing credentials.
function checkPublishingCredentials(model, site, scope, all) {
  if (property(site, 'properties.siteConfig.ftpsState', scope).node) {
    fail('function-ftps', model.file, site.line, `${site.symbol}: siteConfig.ftpsState is invalid on Flex Consumption; turn FTP off with basicPublishingCredentialsPolicies`);
  }
  for (const name of ['ftp', 'scm']) {
    const policy = all.find((p) => p.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies'
      && evaluate(properties(p.body).get('name'), scope) === name
      && (p.parentSymbol === site.symbol || properties(p.body).get('parent')?.text === site.symbol));
    if (!policy || property(policy, 'properties.allow', scope).value !== false) {
      fail('function-ftps', model.file, site.line, `${site.symbol}: needs a basicPublishingCredentialsPolicies '${name}' with allow: false`);
    }
  }
}

function checkBackupPolicy(model, all, scope) {
  const vaults = all.filter((r) => r.type === 'Microsoft.DataProtection/backupVaults');
  if (vaults.length === 0) return;
  const policies = all.filter((r) => r.type === 'Microsoft.DataProtection/backupVaults/backupPolicies')
    .map((p) => JSON.stringify(property(p, 'properties.policyRules', scope).value ?? null));
  const ok = policies.some((p) => p.includes('/P1W"') && p.includes('"duration":"P4W"') && p.includes('"duration":"P12M"')
    && p.includes('FirstOfMonth'));
  if (!ok) fail('backup-policy', model.file, vaults[0].line, 'the backup vault needs a blob policy: weekly backups kept 4 weeks (P4W), monthly kept 12 months (P12M)');
}

// The stamp's alert rules, over all its modules, watch every signal in ALERT_SIGNALS and send it to an action group.
function checkAlerts(model) {
  const queries = [];
  for (const module of model.modules) {
    const target = resolve(dirname(model.file), module.path);
    if (!existsSync(target)) continue;
    const targetModel = load(target);
    const targetScope = new Scope(targetModel, new Map());
    for (const r of allResources(targetModel).filter((x) => x.type === 'Microsoft.Insights/scheduledQueryRules')) {
      for (const s of loopScopes(r, targetScope)) {
        const groups = property(r, 'properties.actions.actionGroups', s).value;
        const criteria = property(r, 'properties.criteria.allOf', s).value;
        if (!Array.isArray(groups) || groups.length === 0) continue;
        (Array.isArray(criteria) ? criteria : []).forEach((c) => typeof c?.query === 'string' && queries.push(c.query));
      }
    }
  }
  for (const [signal, text] of ALERT_SIGNALS) {
    if (!queries.some((q) => q.includes(text))) fail('monitoring-alerts', model.file, 1, `no alert rule with an action group watches ${signal} (a query containing ${text})`);
  }
}

// Each environment gives every container of the Cosmos DB module an autoscale maximum of 1,000 or more in steps of 1,000.
function checkCosmosThroughput(model, scope) {
  const environments = allowedValues(model, 'environment');
  for (const module of model.modules) {
    const target = resolve(dirname(model.file), module.path);
    if (!existsSync(target) || !load(target).params.has('autoscaleMaxThroughput')) continue;
    const targetModel = load(target);
    const targetScope = new Scope(targetModel, new Map());
    const names = allResources(targetModel).filter((r) => r.type === 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers')
      .flatMap((r) => loopScopes(r, targetScope).map((s) => property(r, 'properties.resource', s).value?.id));
    const given = properties(properties(module.body).get('params')).get('autoscaleMaxThroughput');
    for (const environment of environments) {
      const maxima = evaluate(given, environment ? scope.with('environment', environment) : scope);
      for (const name of names) {
        const value = maxima?.[name];
        if (typeof value !== 'number' || value < 1000 || value % 1000 !== 0) {
          fail('cosmos-throughput', model.file, module.line, `module ${module.symbol} (${environment}): container ${name} needs an autoscale maximum of 1000 or more in steps of 1000, is ${JSON.stringify(value)}`);
        }
      }
    }
  }
}

/** The allowed values of a parameter of the file, or [null] when it has none. */
function allowedValues(model, name) {
  const declared = model.params.get(name);
  const allowed = declared?.decorators.find((d) => d.name === 'allowed');
  const values = allowed ? evaluate(allowed.args[0], new Scope(model, new Map())) : null;
  return Array.isArray(values) ? values : [null];
}

/** One scope per item of a resource loop over a list the check can evaluate, else the file's scope. */
function loopScopes(resource, scope) {
  const items = resource.iterable ? evaluate(resource.iterable, scope) : null;
  if (!Array.isArray(items) || !resource.loop?.length) return [scope];
  return items.map((item) => scope.with(resource.loop[0], item));
}

// Every container declares its throughput (autoscale) and an indexing policy: the composite indexes its queries need,
// and no exclusion of a path that a composite index or the partition key uses.
function checkContainer(model, r, scope) {
  const resource = property(r, 'properties.resource', scope).value;
  const name = typeof resource?.id === 'string' ? resource.id : r.symbol;
  if (!property(r, 'properties.options.autoscaleSettings.maxThroughput', scope).node) {
    fail('cosmos-throughput', model.file, r.line, `container ${name}: declare options.autoscaleSettings.maxThroughput (or a serverless account)`);
  }
  const policy = resource?.indexingPolicy;
  if (!policy || typeof policy !== 'object' || policy instanceof Unknown) {
    fail('cosmos-indexing', model.file, r.line, `container ${name}: declare an indexingPolicy (composite indexes for the queries, excluded paths)`);
    return;
  }
  const composites = (Array.isArray(policy.compositeIndexes) ? policy.compositeIndexes : [])
    .map((c) => (Array.isArray(c) ? c.map((p) => `${p?.path} ${p?.order === 'descending' ? 'desc' : 'asc'}`).join(',') : ''));
  for (const needed of QUERY_COMPOSITE_INDEXES[name] ?? []) {
    if (!composites.includes(needed.join(','))) fail('cosmos-indexing', model.file, r.line, `container ${name}: its queries need the composite index (${needed.join(', ')})`);
  }
  const excluded = (Array.isArray(policy.excludedPaths) ? policy.excludedPaths : []).map((p) => p?.path).filter((p) => typeof p === 'string');
  const used = [...composites.flatMap((c) => c.split(',').map((p) => p.split(' ')[0])),
    ...(resource.partitionKey?.paths ?? [])];
  for (const path of excluded) {
    const prefix = path.replace(/\/(\?|\*)$/, '');
    if (used.some((u) => u === prefix || u.startsWith(`${prefix}/`))) fail('cosmos-indexing', model.file, r.line, `container ${name}: ${path} is excluded but a query or the partition key uses it`);
  }
}

// Flex Consumption takes the runtime and package from functionAppConfig and refuses the worker settings; Elastic
// Premium takes them from siteConfig and app settings, and must run without an Azure Files share (it needs a key).
function checkSiteOnPlan(model, site, plan, scope) {
  const req = (rule, path, expected) => requireValue(model, site, rule, path, expected, scope);
  const settings = property(site, 'properties.siteConfig.appSettings', scope).value;
  const names = (Array.isArray(settings) ? settings : []).map((o) => o?.name).filter((n) => typeof n === 'string');
  const where = `${site.symbol} on ${plan ?? 'FlexConsumption'}`;
  if (plan === 'ElasticPremium') {
    req('function-runtime', 'properties.siteConfig.linuxFxVersion', 'Java|17');
    for (const name of ['FUNCTIONS_EXTENSION_VERSION', 'FUNCTIONS_WORKER_RUNTIME', 'WEBSITE_RUN_FROM_PACKAGE', 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID']) {
      if (!names.includes(name)) fail('function-plan', model.file, site.line, `${where}: needs app setting ${name}`);
    }
    if (property(site, 'properties.functionAppConfig', scope).value) fail('function-plan', model.file, site.line, `${where}: functionAppConfig is for Flex Consumption only`);
  } else {
    req('function-runtime', 'properties.functionAppConfig.runtime', described('java 17', (v) => v?.name === 'java' && v?.version === '17'));
    for (const name of ['FUNCTIONS_EXTENSION_VERSION', 'FUNCTIONS_WORKER_RUNTIME', 'WEBSITE_RUN_FROM_PACKAGE']) {
      if (names.includes(name)) fail('function-plan', model.file, site.line, `${where}: Flex Consumption refuses app setting ${name}`);
    }
  }
  for (const name of names.filter((n) => n.startsWith('WEBSITE_CONTENT'))) {
    fail('function-plan', model.file, site.line, `${where}: ${name} is an Azure Files share, which takes a connection string`);
  }
  checkAppSettings(model, site, names);
}

function checkAppSettings(model, site, names) {
  const sample = join(root, '..', 'local.settings.sample.json');
  if (!existsSync(sample)) return;
  const expected = Object.keys(JSON.parse(readFileSync(sample, 'utf8')).Values);
  for (const name of expected) {
    if (LOCAL_ONLY_SETTINGS.includes(name)) {
      if (names.includes(name)) fail('function-settings', model.file, site.line, `${name} is local-only (a secret or local file) and must not be set in Azure`);
      continue;
    }
    if (name === 'FUNCTIONS_WORKER_RUNTIME') continue;
    if (name === 'AzureWebJobsStorage') {
      if (!names.some((n) => n.startsWith('AzureWebJobsStorage__'))) fail('function-settings', model.file, site.line, 'AzureWebJobsStorage needs an identity-based connection (AzureWebJobsStorage__accountName)');
      continue;
    }
    if (!names.includes(name)) fail('function-settings', model.file, site.line, `app setting ${name} (local.settings.sample.json) is not declared`);
  }
  for (const name of names) {
    if (/ConnectionString|AccountKey|_KEY$/i.test(name) && name !== 'APPLICATIONINSIGHTS_CONNECTION_STRING') {
      fail('function-settings', model.file, site.line, `${name} looks like a secret; use identity-based connections`);
    }
  }
}

const files = templateFiles(root);
for (const file of files) {
  const model = load(file);
  model.errors.forEach((e) => fail('syntax', e.file, e.line, e.message));
  if (model.errors.length > 0) continue;
  if (model.isParams) {
    checkParameterFile(model);
    continue;
  }
  checkWiring(model);
  checkStampEntry(model);
  const scope = new Scope(model, new Map());
  const all = allResources(model).filter((r) => !r.existing);
  for (const p of ['location', 'region']) {
    if (model.params.get(p)?.default) fail('location', model.file, model.params.get(p).line, `${p} has a default; it must always be the stamp's region, passed in`);
  }
  all.forEach((r) => checkResource(model, r, scope, all));
  checkBackupPolicy(model, all, scope);
}

if (json) {
  console.log(JSON.stringify({ files: files.map((f) => relative(root, f)), findings }, null, 2));
} else {
  findings.forEach((f) => console.log(`${f.rule}  ${f.file}:${f.line}  ${f.message}`));
  console.log(`${files.length} files checked, ${findings.length} finding(s)`);
}
process.exitCode = findings.length === 0 ? 0 : 1;
