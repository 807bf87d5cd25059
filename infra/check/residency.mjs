// The residency report: for every parameter file, every resource the stamp deploys with where it is placed and
// where its copies go. Fails when anything could be placed, replicated or backed up outside the stamp's
// geography, or when a location cannot be told offline. Usage: node residency.mjs [infra folder] [--json].
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allResources, evaluate, parseFile, properties, Scope, Unknown, valueAt } from './bicep.mjs';
import { EDGE_TYPES, GEOGRAPHY, PAIRED_REGION } from './rules.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const paramsDir = join(root, 'params');

const property = (body, path, scope) => valueAt(body, path, scope).value;
const known = (v) => v !== undefined && !(v instanceof Unknown);

/** Where a resource's copies go beyond its own location: region names, or a description. */
function copies(resource, scope, region) {
  const pair = PAIRED_REGION[region];
  switch (resource.type) {
    case 'Microsoft.Storage/storageAccounts': {
      const sku = property(resource.body, 'sku.name', scope);
      if (!known(sku)) return { redundancy: `unknown sku (${sku})`, regions: [null] };
      const secondary = /GRS|GZRS/.test(sku);
      return { redundancy: secondary ? `${sku}, secondary ${pair}` : sku, regions: secondary ? [pair] : [] };
    }
    case 'Microsoft.DocumentDB/databaseAccounts': {
      const locations = property(resource.body, 'properties.locations', scope);
      const backup = property(resource.body, 'properties.backupPolicy', scope);
      const regions = Array.isArray(locations) ? locations.map((l) => (known(l?.locationName) ? l.locationName : null)) : [null];
      const backupRedundancy = backup?.periodicModeProperties?.backupStorageRedundancy;
      if (backupRedundancy === 'Geo') regions.push(pair);
      const mode = backup?.type === 'Periodic'
        ? `periodic backup ${backup.periodicModeProperties?.backupIntervalInMinutes} min kept ${backup.periodicModeProperties?.backupRetentionIntervalInHours} h, ${backupRedundancy}`
        : `${backup?.type ?? 'unknown'} backup`;
      return { redundancy: `${regions.filter(Boolean).join(' + ')}; ${mode}`, regions };
    }
    case 'Microsoft.DataProtection/backupVaults': {
      const settings = property(resource.body, 'properties.storageSettings', scope);
      const types = Array.isArray(settings) ? settings.map((s) => s?.type) : ['unknown'];
      const crossRegion = property(resource.body, 'properties.featureSettings.crossRegionRestoreSettings.state', scope);
      const regions = types.includes('GeoRedundant') || crossRegion === 'Enabled' ? [pair] : [];
      if (types.some((t) => !known(t))) regions.push(null);
      return { redundancy: types.join(', '), regions };
    }
    default:
      return { redundancy: '-', regions: [] };
  }
}

function report(paramsFile) {
  const params = parseFile(paramsFile);
  const main = parseFile(resolve(dirname(paramsFile), params.using));
  const paramScope = new Scope(params, new Map());
  const given = new Map([...params.vars.values()].map((a) => [a.name, evaluate(a.expression, paramScope)]));
  const mainScope = new Scope(main, given);
  const region = mainScope.lookup('region');
  const geography = GEOGRAPHY[region];
  const rows = [];
  const violations = [];
  const place = (where, resource, scope) => {
    const location = property(resource.body, 'location', scope);
    const { redundancy, regions } = copies(resource, scope, region);
    let shown = location === undefined ? '(in its parent)' : known(location) ? location : `unknown (${location})`;
    if (location === 'global') {
      shown = 'global edge, no data at rest';
      if (!EDGE_TYPES.includes(resource.type)) violations.push(`${where}/${resource.symbol}: only edge services may be global`);
    } else if (location !== undefined && (!known(location) || GEOGRAPHY[location] !== geography)) {
      violations.push(`${where}/${resource.symbol}: placed in ${shown}, outside ${geography}`);
    }
    for (const copy of regions) {
      if (!copy || GEOGRAPHY[copy] !== geography) violations.push(`${where}/${resource.symbol}: copies go to ${copy ?? 'an unknown region'}, outside ${geography}`);
    }
    rows.push({ resource: `${where}/${resource.symbol}`, type: resource.type, location: shown, redundancy });
  };
  for (const module of main.modules) {
    const condition = module.condition ? evaluate(module.condition, mainScope) : true;
    if (condition === false) continue;
    const target = parseFile(resolve(dirname(main.file), module.path));
    const args = new Map();
    for (const [name, node] of properties(properties(module.body).get('params'))) args.set(name, evaluate(node, mainScope));
    const scope = new Scope(target, args);
    allResources(target).filter((r) => !r.existing).forEach((r) => place(module.symbol, r, scope));
  }
  allResources(main).filter((r) => !r.existing).forEach((r) => place('main', r, mainScope));
  return { file: relative(root, paramsFile), region, geography: geography ?? 'unknown', pairedRegion: PAIRED_REGION[region] ?? null,
    rows, violations: geography ? violations : [`region ${region} is not a stamp region`, ...violations] };
}

const files = existsSync(paramsDir) ? readdirSync(paramsDir).filter((f) => f.endsWith('.bicepparam')).sort() : [];
const reports = files.map((f) => report(join(paramsDir, f)));
const violations = reports.flatMap((r) => r.violations.map((v) => `${r.file}: ${v}`));
if (json) {
  console.log(JSON.stringify({ reports, violations }, null, 2));
} else {
  for (const r of reports) {
    console.log(`\n${r.file}: region ${r.region} (${r.geography}), paired region ${r.pairedRegion}`);
    const width = Math.max(...r.rows.map((row) => row.resource.length));
    const typeWidth = Math.max(...r.rows.map((row) => row.type.length));
    for (const row of r.rows) {
      console.log(`  ${row.resource.padEnd(width)}  ${row.type.padEnd(typeWidth)}  ${row.location}${row.redundancy === '-' ? '' : `  [${row.redundancy}]`}`);
    }
    console.log(r.violations.length === 0 ? `  OK: nothing is placed, replicated or backed up outside ${r.geography}` : r.violations.map((v) => `  VIOLATION ${v}`).join('\n'));
  }
  console.log(`\n${reports.length} parameter file(s), ${violations.length} violation(s)`);
}
process.exitCode = violations.length === 0 && reports.length > 0 ? 0 : 1;
