package com.strongroom.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Bicep templates pass the offline check and the residency report, and every rule of either fails on a
 * copy broken in just the way the rule is about.
 */
class InfraCheckTest {
    @TempDir
    Path work;

    @BeforeAll
    static void install() {
        InfraCheck.install();
    }

    /** One way of breaking the templates: in {@code file}, the first {@code from} becomes {@code to}. */
    record Breakage(String rule, String file, String from, String to) {
        Path applyTo(Path infra) throws IOException {
            Path path = infra.resolve(file);
            String text = Files.readString(path);
            int at = text.indexOf(from);
            if (at < 0) {
                throw new IllegalStateException("the template no longer contains what " + rule + " breaks: " + from);
            }
            Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
            return infra;
        }
    }

    static final List<Breakage> CHECK_RULES = List.of(
            new Breakage("syntax", "main.bicep", "module network 'modules/network.bicep' = {", "module network 'modules/network.bicep' = {{"),
            new Breakage("syntax", "params/eastus.prod.bicepparam", "param environment = 'prod'", "param environment = "),
            new Breakage("module-missing", "main.bicep", "'modules/backup.bicep'", "'modules/backups.bicep'"),
            new Breakage("module-unknown-param", "main.bicep", "  name: 'monitoring'\n  params: {\n", "  name: 'monitoring'\n  params: {\n    colour: 'red'\n"),
            new Breakage("module-missing-param", "main.bicep", "    addressPrefix: vnetAddressPrefix\n", ""),
            new Breakage("params-unknown-param", "params/germanywestcentral.prod.bicepparam", "param environment = 'prod'\n", "param environment = 'prod'\nparam colour = 'red'\n"),
            new Breakage("params-missing-param", "params/eastus.prod.bicepparam", "param vendorTenantId = '00000000-0000-0000-0000-000000000000'\n", ""),
            new Breakage("params-not-allowed", "params/westeurope.dev.bicepparam", "param region = 'westeurope'", "param region = 'northeurope'"),
            new Breakage("params-out-of-range", "params/westeurope.dev.bicepparam", "param functionMaximumInstances = 40", "param functionMaximumInstances = 10"),
            new Breakage("params-using-missing", "params/australiaeast.prod.bicepparam", "using '../main.bicep'", "using '../stamp.bicep'"),
            new Breakage("region-allowed", "main.bicep", "  'australiaeast'\n])\nparam region", "  'australiaeast'\n  'brazilsouth'\n])\nparam region"),
            new Breakage("paired-regions", "main.bicep", "eastus: 'westus'", "eastus: 'northeurope'"),
            new Breakage("location", "modules/storage.bicep", "  name: name\n  location: location", "  name: name\n  location: 'northeurope'"),
            new Breakage("location", "modules/monitoring.bicep", "param location string", "param location string = resourceGroup().location"),
            new Breakage("location", "modules/keyvault.bicep", "  name: name\n  location: location", "  name: name\n  location: 'global'"),
            new Breakage("storage-tls", "modules/storage.bicep", "minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_0'"),
            new Breakage("storage-https", "modules/storage.bicep", "supportsHttpsTrafficOnly: true", "supportsHttpsTrafficOnly: false"),
            new Breakage("storage-public-blob", "modules/storage.bicep", "allowBlobPublicAccess: false", "allowBlobPublicAccess: true"),
            new Breakage("storage-shared-key", "modules/storage.bicep", "allowSharedKeyAccess: false", "allowSharedKeyAccess: true"),
            new Breakage("storage-infrastructure-encryption", "modules/storage.bicep", "requireInfrastructureEncryption: true", "requireInfrastructureEncryption: false"),
            new Breakage("storage-cmk", "modules/storage.bicep", "keySource: 'Microsoft.Keyvault'", "keySource: 'Microsoft.Storage'"),
            new Breakage("public-network", "modules/storage.bicep", "defaultAction: 'Deny'", "defaultAction: 'Allow'"),
            new Breakage("public-network", "modules/storage.bicep", "publicAccess: 'None'", "publicAccess: 'Blob'"),
            new Breakage("storage-versioning", "modules/storage.bicep", "isVersioningEnabled: pointInTimeRestore", "isVersioningEnabled: false"),
            new Breakage("storage-soft-delete", "modules/storage.bicep", "deleteRetentionPolicy: {\n      enabled: true", "deleteRetentionPolicy: {\n      enabled: false"),
            new Breakage("storage-change-feed", "modules/storage.bicep", "changeFeed: {\n      enabled: pointInTimeRestore", "changeFeed: {\n      enabled: false"),
            new Breakage("storage-point-in-time-restore", "modules/storage.bicep", "restorePolicy: {\n      enabled: pointInTimeRestore", "restorePolicy: {\n      enabled: false"),
            new Breakage("storage-point-in-time-restore", "modules/storage.bicep", "param pointInTimeRestore bool = true", "param pointInTimeRestore bool = false"),
            new Breakage("storage-immutable-checkpoints", "main.bicep", "    immutableContainerNames: [\n      'audit-checkpoints'\n      'erasure-ledger'\n    ]", "    immutableContainerNames: [\n      'audit-checkpoints'\n    ]"),
            new Breakage("storage-evidence-apart", "main.bicep", "    pointInTimeRestore: false\n", ""),
            new Breakage("storage-evidence-apart", "main.bicep", "      'receipts'\n    ]\n    immutableContainerNames: []", "      'receipts'\n      'audit-checkpoints'\n    ]\n    immutableContainerNames: [\n      'audit-checkpoints'\n    ]"),
            new Breakage("storage-backup-replication", "main.bicep", "    allowCrossTenantReplication: true\n", ""),
            new Breakage("storage-backup-replication", "main.bicep", "    name: 'sth${compactToken}'\n", "    name: 'sth${compactToken}'\n    allowCrossTenantReplication: true\n"),
            new Breakage("storage-backup-replication", "modules/storage.bicep", "allowCrossTenantReplication: allowCrossTenantReplication", "allowCrossTenantReplication: true"),
            new Breakage("storage-immutable-checkpoints", "modules/storage.bicep", "param immutabilityDays int = 400", "param immutabilityDays int = 30"),
            new Breakage("cosmos-local-auth", "modules/cosmos.bicep", "disableLocalAuth: true", "disableLocalAuth: false"),
            new Breakage("cosmos-tls", "modules/cosmos.bicep", "minimalTlsVersion: 'Tls12'", "minimalTlsVersion: 'Tls'"),
            new Breakage("public-network", "modules/cosmos.bicep", "isVirtualNetworkFilterEnabled: true", "isVirtualNetworkFilterEnabled: false"),
            new Breakage("cosmos-backup", "modules/cosmos.bicep", "backupRetentionIntervalInHours: 48", "backupRetentionIntervalInHours: 720"),
            new Breakage("cosmos-backup", "modules/cosmos.bicep", "backupStorageRedundancy: 'Zone'", "backupStorageRedundancy: 'Geo'"),
            new Breakage("cosmos-throughput", "main.bicep", "    'audit-trail': 10000\n", ""),
            new Breakage("cosmos-throughput", "main.bicep", "  dev: {\n    tenants: 1000\n", "  dev: {\n    tenants: 500\n"),
            new Breakage("cosmos-throughput", "modules/cosmos.bicep", "      autoscaleSettings: {\n        maxThroughput: autoscaleMaxThroughput.keyring\n      }\n", ""),
            new Breakage("cosmos-indexing", "modules/cosmos.bicep", "path: '/createdAt'", "path: '/updatedAt'"),
            new Breakage("cosmos-indexing", "modules/cosmos.bicep", "      '/metadata/*'\n", "      '/metadata/*'\n      '/state/?'\n"),
            new Breakage("cosmos-indexing", "modules/cosmos.bicep", "      '/hash/?'\n", "      '/actor/?'\n"),
            new Breakage("cosmos-indexing", "directory/main.bicep", "      indexingPolicy: {", "      unusedPolicy: {"),
            new Breakage("keyvault-rbac", "modules/keyvault.bicep", "enableRbacAuthorization: true", "enableRbacAuthorization: false"),
            new Breakage("keyvault-purge-protection", "modules/keyvault.bicep", "enablePurgeProtection: true", "enablePurgeProtection: false"),
            new Breakage("keyvault-soft-delete", "modules/keyvault.bicep", "softDeleteRetentionInDays: 90", "softDeleteRetentionInDays: 7"),
            new Breakage("public-network", "modules/keyvault.bicep", "defaultAction: 'Deny'", "defaultAction: 'Allow'"),
            new Breakage("keyvault-key-type", "modules/keyvault.bicep", "kty: 'RSA-HSM'", "kty: 'RSA'"),
            new Breakage("keyvault-key-rotation", "modules/key-rotation-policy.json", "\"type\": \"rotate\"", "\"type\": \"notify\""),
            new Breakage("keyvault-key-expiry", "modules/key-rotation-policy.json", "\"type\": \"notify\"", "\"type\": \"rotate\""),
            new Breakage("keyvault-key-expiry", "modules/key-rotation-policy.json", "\"expiryTime\": \"P2Y\"", "\"expiry\": \"P2Y\""),
            new Breakage("keyvault-key-expiry", "modules/keyvault.bicep", "    attributes: {\n      exp: firstVersionExpiry\n    }\n", ""),
            new Breakage("function-https", "modules/functionapp.bicep", "httpsOnly: true", "httpsOnly: false"),
            new Breakage("function-tls", "modules/functionapp.bicep", "      minTlsVersion: '1.2'", "      minTlsVersion: '1.0'"),
            new Breakage("function-ftps", "modules/functionapp.bicep", "      scmMinTlsVersion: '1.2'\n", "      scmMinTlsVersion: '1.2'\n      ftpsState: 'Disabled'\n"),
            new Breakage("function-ftps", "modules/functionapp.bicep", "  name: 'ftp'\n  properties: {\n    allow: false", "  name: 'ftp'\n  properties: {\n    allow: true"),
            new Breakage("function-ftps", "modules/functionapp.bicep", "  name: 'scm'\n", "  name: 'scm-old'\n"),
            new Breakage("function-runtime", "modules/functionapp.bicep", "version: '17'", "version: '21'"),
            new Breakage("function-runtime", "modules/functionapp.bicep", "'Java|17'", "'Java|21'"),
            new Breakage("function-plan", "modules/functionapp.bicep", "  {\n    name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'\n    value: identityId\n  }\n", ""),
            new Breakage("function-plan", "modules/functionapp.bicep", "concat(isFlex ? [] : premiumSettings,", "concat(premiumSettings,"),
            new Breakage("function-plan", "modules/functionapp.bicep", "var premiumSettings = [\n", "var premiumSettings = [\n  {\n    name: 'WEBSITE_CONTENTSHARE'\n    value: 'content'\n  }\n"),
            new Breakage("function-plan", "modules/functionapp.bicep", "    name: 'EP1'", "    name: 'Y1'"),
            new Breakage("function-plan", "modules/functionapp.bicep", "functionAppConfig: !isFlex ? null : {", "functionAppConfig: {"),
            new Breakage("function-subnet-delegation", "modules/network.bicep", "'Microsoft.Web/serverFarms'", "'Microsoft.App/environments'"),
            new Breakage("function-subnet-delegation", "modules/network.bicep", "? 'Microsoft.App/environments'", "? 'Microsoft.Web/serverFarms'"),
            new Breakage("function-identity", "modules/functionapp.bicep", "    type: 'UserAssigned'", "    type: 'None'"),
            new Breakage("function-settings", "modules/functionapp.bicep", "        {\n          name: 'KEY_VAULT_URI'\n          value: keyVaultUri\n        }\n", ""),
            new Breakage("function-settings", "modules/functionapp.bicep", "        {\n          name: 'STRONGROOM_MODE'", "        {\n          name: 'COSMOS_KEY'\n          value: 'secret'\n        }\n        {\n          name: 'STRONGROOM_MODE'"),
            new Breakage("monitoring-local-auth", "modules/monitoring.bicep", "disableLocalAuth: true", "disableLocalAuth: false"),
            new Breakage("monitoring-local-auth", "modules/monitoring.bicep", "DisableLocalAuth: true", "DisableLocalAuth: false"),
            new Breakage("monitoring-retention", "modules/monitoring.bicep", "param retentionInDays int = 365", "param retentionInDays int = 30"),
            new Breakage("monitoring-retention", "modules/monitoring.bicep", "param accessLogRetentionInDays int = 30", "param accessLogRetentionInDays int = 7"),
            new Breakage("backup-redundancy", "modules/backup.bicep", "type: 'ZoneRedundant'", "type: 'GeoRedundant'"),
            new Breakage("backup-redundancy", "modules/backup.bicep", "state: 'Disabled'", "state: 'Enabled'"),
            new Breakage("backup-policy", "modules/backup.bicep", "duration: 'P12M'", "duration: 'P6M'"),
            new Breakage("backup-policy", "modules/backup.bicep", "duration: 'P4W'", "duration: 'P1W'"),
            new Breakage("role-assignment-name", "modules/storage.bicep", "name: guid(account.id, functionPrincipalId, blobRoles[blobRoleName])", "name: 'blob-role'"),
            new Breakage("role-assignment-name", "modules/cosmos.bicep", "name: guid(keyring.id, functionPrincipalId, dataContributor)", "name: 'keyring-role'"),
            new Breakage("role-assignment-scope", "modules/keyvault.bicep", "  scope: vault\n  properties: {\n    roleDefinitionId", "  properties: {\n    roleDefinitionId"),
            new Breakage("diagnostics", "modules/keyvault.bicep", "  scope: vault\n  properties: {\n    workspaceId", "  scope: storageKey\n  properties: {\n    workspaceId"),
            new Breakage("diagnostics", "modules/cosmos.bicep", "  scope: keyring\n  properties: {\n    workspaceId", "  scope: metadata\n  properties: {\n    workspaceId"),
            new Breakage("diagnostics-category", "modules/cosmos.bicep", "  'QueryRuntimeStatistics'\n", "  'audit'\n"),
            new Breakage("diagnostics-category", "modules/monitoring.bicep", "        category: 'Audit'", "        categoryGroup: 'audit'"),
            new Breakage("diagnostics-category", "modules/functionapp.bicep", "    workspaceId: workspaceId\n    metrics: [", "    workspaceId: workspaceId\n    logs: [\n      {\n        categoryGroup: 'allLogs'\n        enabled: true\n      }\n    ]\n    metrics: ["),
            new Breakage("monitoring-alerts", "modules/alerts.bicep", "'AppTraces | where Message startswith \"dependency unavailable: audit\"'", "'AppTraces | take 0'"),
            new Breakage("monitoring-alerts", "modules/alerts.bicep", "httpStatusCode_d == 429", "httpStatusCode_d == 500"),
            new Breakage("monitoring-alerts", "modules/alerts.bicep", "      actionGroups: [\n        actionGroupId\n      ]", "      actionGroups: []"),
            new Breakage("monitoring-alerts", "main.bicep", "module alerts 'modules/alerts.bicep'", "module alerts 'modules/monitoring.bicep'"),
            new Breakage("monitoring-log-access", "modules/monitoring.bicep", "enableLogAccessUsingOnlyResourcePermissions: false", "enableLogAccessUsingOnlyResourcePermissions: true"),
            new Breakage("monitoring-log-access", "modules/monitoring.bicep", "    principalType: 'Group'", "    principalType: 'User'"),
            new Breakage("frontdoor-waf", "modules/frontdoor.bicep", "mode: 'Prevention'", "mode: 'Detection'"),
            new Breakage("frontdoor-waf", "modules/frontdoor.bicep", "ruleType: 'RateLimitRule'", "ruleType: 'MatchRule'"),
            new Breakage("frontdoor-rate-limit-all", "modules/frontdoor.bicep", "              matchVariable: 'RequestHeader'\n              selector: 'Host'\n              operator: 'GreaterThanOrEqual'\n              matchValue: [\n                '0'\n",
                    "              matchVariable: 'RequestUri'\n              operator: 'BeginsWith'\n              matchValue: [\n                '/'\n"));

    /** Here {@code rule} is what the report must say. */
    static final List<Breakage> RESIDENCY_RULES = List.of(
            new Breakage("placed in brazilsouth, outside", "modules/monitoring.bicep", "  name: 'log-${token}'\n  location: location", "  name: 'log-${token}'\n  location: 'brazilsouth'"),
            new Breakage("placed in unknown (", "modules/storage.bicep", "  name: name\n  location: location", "  name: name\n  location: resourceGroup().location"),
            new Breakage("only edge services may be global", "modules/keyvault.bicep", "  name: name\n  location: location", "  name: name\n  location: 'global'"),
            new Breakage("copies go to northeurope, outside United States", "main.bicep", "eastus: 'westus'", "eastus: 'northeurope'"),
            new Breakage("copies go to an unknown region", "modules/backup.bicep", "type: 'ZoneRedundant'", "type: storageRedundancy"));

    @Test
    void theTemplatesPassTheOfflineCheck() {
        InfraCheck.Result result = InfraCheck.check(InfraCheck.INFRA);
        assertEquals(List.of(), findings(result), result.json().toPrettyString());
        assertEquals(0, result.exitCode());
        Set<String> files = new HashSet<>();
        result.json().get("files").forEach(f -> files.add(f.asText()));
        for (String region : List.of("eastus", "westeurope", "germanywestcentral", "australiaeast")) {
            assertTrue(files.contains("params/" + region + ".prod.bicepparam"), region + " has no parameter file");
        }
        assertTrue(files.containsAll(Set.of("main.bicep", "modules/storage.bicep", "modules/cosmos.bicep",
                "modules/keyvault.bicep", "modules/functionapp.bicep", "modules/backup.bicep")));
    }

    @Test
    void theResidencyReportListsFourRegionsWithoutAViolation() {
        InfraCheck.Result result = InfraCheck.residency(InfraCheck.INFRA);
        assertEquals(0, result.exitCode(), result.json().get("violations").toString());
        Set<String> regions = new HashSet<>();
        for (JsonNode report : result.json().get("reports")) {
            regions.add(report.get("region").asText());
            assertEquals(0, report.get("violations").size());
            assertTrue(report.get("rows").size() > 40, "every resource is listed");
            for (JsonNode row : report.get("rows")) {
                String location = row.get("location").asText();
                assertTrue(location.equals(report.get("region").asText()) || location.startsWith("(in its parent)")
                        || location.startsWith("global edge"), row.toString());
            }
        }
        assertEquals(Set.of("eastus", "westeurope", "germanywestcentral", "australiaeast"), regions);
    }

    @TestFactory
    Stream<DynamicTest> eachCheckRuleFailsOnACopyBrokenForIt() {
        return CHECK_RULES.stream().map(b -> dynamicTest(b.rule() + " in " + b.file(), () -> {
            Path infra = b.applyTo(InfraCheck.copyOfInfra(Files.createTempDirectory(work, "broken")));
            InfraCheck.Result result = InfraCheck.check(infra);
            assertEquals(1, result.exitCode());
            assertTrue(findings(result).stream().anyMatch(f -> f.startsWith(b.rule() + " ")),
                    "expected " + b.rule() + ", got " + findings(result));
        }));
    }

    @TestFactory
    Stream<DynamicTest> theResidencyReportFailsOnEachWayOfLeavingTheGeography() {
        return RESIDENCY_RULES.stream().map(b -> dynamicTest(b.rule(), () -> {
            Path infra = b.applyTo(InfraCheck.copyOfInfra(Files.createTempDirectory(work, "leaking")));
            InfraCheck.Result result = InfraCheck.residency(infra);
            assertEquals(1, result.exitCode());
            List<String> violations = new ArrayList<>();
            result.json().get("violations").forEach(v -> violations.add(v.asText()));
            assertTrue(violations.stream().anyMatch(v -> v.contains(b.rule())), violations.toString());
        }));
    }

    private static List<String> findings(InfraCheck.Result result) {
        List<String> out = new ArrayList<>();
        result.json().get("findings").forEach(f -> out.add(f.get("rule").asText() + " " + f.get("file").asText()
                + ":" + f.get("line").asInt() + " " + f.get("message").asText()));
        return out;
    }
}
