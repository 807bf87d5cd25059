package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.config.Setting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/** Checks what {@code mvn package} wrote for the Functions host: one function.json per function, and the jar. */
class FunctionPackageIT {
    private static final Path APP = TestStack.PROJECT.resolve("target/azure-functions/strongroom");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, JsonNode> functions;

    @BeforeAll
    static void readFunctionJson() throws IOException {
        functions = new HashMap<>();
        try (Stream<Path> dirs = Files.list(APP)) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("function.json"))).toList()) {
                functions.put(dir.getFileName().toString(), JSON.readTree(dir.resolve("function.json").toFile()));
            }
        }
    }

    record Expected(String route, List<String> methods) {
    }

    @Test
    void everyHttpFunctionHasTheRouteMethodsAndAuthLevelTheDesignFixes() {
        Map<String, Expected> expected = Map.ofEntries(
                Map.entry("uploadAsset", new Expected("tenants/{tenantId}/assets", List.of("POST"))),
                Map.entry("listAssets", new Expected("tenants/{tenantId}/assets", List.of("GET"))),
                Map.entry("getAsset", new Expected("tenants/{tenantId}/assets/{assetId}", List.of("GET"))),
                Map.entry("updateAsset", new Expected("tenants/{tenantId}/assets/{assetId}", List.of("PATCH"))),
                Map.entry("deleteAsset", new Expected("tenants/{tenantId}/assets/{assetId}", List.of("DELETE"))),
                Map.entry("downloadAsset", new Expected("tenants/{tenantId}/assets/{assetId}/content", List.of("GET"))),
                Map.entry("startUpload", new Expected("tenants/{tenantId}/uploads", List.of("POST"))),
                Map.entry("uploadPart", new Expected("tenants/{tenantId}/uploads/{uploadId}/parts/{partNumber}",
                        List.of("PUT"))),
                Map.entry("completeUpload", new Expected("tenants/{tenantId}/uploads/{uploadId}/complete",
                        List.of("POST"))),
                Map.entry("rotateTenantKeys", new Expected("tenants/{tenantId}/key-rotations", List.of("POST"))),
                Map.entry("health", new Expected("health", List.of("GET"))),
                Map.entry("createTenant", new Expected("tenants", List.of("POST"))),
                Map.entry("getTenant", new Expected("tenants/{tenantId}", List.of("GET"))),
                Map.entry("registerEntraTenant", new Expected("tenants/{tenantId}/entra-tenant", List.of("PUT"))),
                Map.entry("listAuditEvents", new Expected("tenants/{tenantId}/audit-events", List.of("GET"))),
                Map.entry("verifyAuditEvents", new Expected("tenants/{tenantId}/audit-events/verify", List.of("GET"))),
                Map.entry("createAuditCheckpoint", new Expected("tenants/{tenantId}/audit-checkpoints", List.of("POST"))),
                Map.entry("createConsentGrant", new Expected("tenants/{tenantId}/consent-grants", List.of("POST"))),
                Map.entry("listConsentGrants", new Expected("tenants/{tenantId}/consent-grants", List.of("GET"))),
                Map.entry("getConsentGrant", new Expected("tenants/{tenantId}/consent-grants/{grantId}", List.of("GET"))),
                Map.entry("revokeConsentGrant", new Expected("tenants/{tenantId}/consent-grants/{grantId}",
                        List.of("DELETE"))),
                Map.entry("listConsentGrantAccesses", new Expected("tenants/{tenantId}/consent-grants/{grantId}/accesses",
                        List.of("GET"))),
                Map.entry("createErasureRequest", new Expected("tenants/{tenantId}/erasure-requests", List.of("POST"))),
                Map.entry("listErasureRequests", new Expected("tenants/{tenantId}/erasure-requests", List.of("GET"))),
                Map.entry("getErasureRequest", new Expected("tenants/{tenantId}/erasure-requests/{erasureId}",
                        List.of("GET"))),
                Map.entry("approveErasureRequest", new Expected(
                        "tenants/{tenantId}/erasure-requests/{erasureId}/approve", List.of("POST"))),
                Map.entry("cancelErasureRequest", new Expected(
                        "tenants/{tenantId}/erasure-requests/{erasureId}/cancel", List.of("POST"))),
                Map.entry("extendErasureRequest", new Expected(
                        "tenants/{tenantId}/erasure-requests/{erasureId}/extend", List.of("POST"))),
                Map.entry("retryErasureRequest", new Expected(
                        "tenants/{tenantId}/erasure-requests/{erasureId}/retry", List.of("POST"))),
                Map.entry("getErasureReceipt", new Expected(
                        "tenants/{tenantId}/erasure-requests/{erasureId}/receipt", List.of("GET"))),
                Map.entry("signingKeys", new Expected("signing-keys", List.of("GET"))),
                Map.entry("replayErasureLedgerNow", new Expected("erasure-ledger/replay", List.of("POST"))),
                Map.entry("getContacts", new Expected("tenants/{tenantId}/contacts", List.of("GET"))),
                Map.entry("putContacts", new Expected("tenants/{tenantId}/contacts", List.of("PUT"))),
                Map.entry("listNotices", new Expected("tenants/{tenantId}/notices", List.of("GET"))),
                Map.entry("retryNotice", new Expected("tenants/{tenantId}/notices/{noticeId}/retry", List.of("POST"))),
                Map.entry("announceMaintenance", new Expected("maintenance-notices", List.of("POST"))),
                Map.entry("previewIncident", new Expected("incidents/preview", List.of("POST"))),
                Map.entry("declareIncident", new Expected("incidents", List.of("POST"))),
                Map.entry("listIncidents", new Expected("incidents", List.of("GET"))),
                Map.entry("getIncident", new Expected("incidents/{incidentId}", List.of("GET"))),
                Map.entry("notifyIncident", new Expected("incidents/{incidentId}/notify", List.of("POST"))),
                Map.entry("updateIncident", new Expected("incidents/{incidentId}/updates", List.of("POST"))),
                Map.entry("closeIncident", new Expected("incidents/{incidentId}/close", List.of("POST"))),
                Map.entry("requestExport", new Expected("tenants/{tenantId}/exports", List.of("POST"))),
                Map.entry("listExports", new Expected("tenants/{tenantId}/exports", List.of("GET"))),
                Map.entry("getExport", new Expected("tenants/{tenantId}/exports/{exportId}", List.of("GET"))),
                Map.entry("downloadExport", new Expected("tenants/{tenantId}/exports/{exportId}/content",
                        List.of("GET"))),
                Map.entry("requestSubjectExport", new Expected("tenants/{tenantId}/subject-exports", List.of("POST"))),
                Map.entry("listSubjectExports", new Expected("tenants/{tenantId}/subject-exports", List.of("GET"))),
                Map.entry("getSubjectExport", new Expected("tenants/{tenantId}/subject-exports/{exportId}",
                        List.of("GET"))),
                Map.entry("downloadSubjectExport", new Expected("tenants/{tenantId}/subject-exports/{exportId}/content",
                        List.of("GET"))),
                Map.entry("requestCancellation", new Expected("tenants/{tenantId}/cancellation", List.of("POST"))),
                Map.entry("getCancellation", new Expected("tenants/{tenantId}/cancellation", List.of("GET"))),
                Map.entry("revokeCancellation", new Expected("tenants/{tenantId}/cancellation", List.of("DELETE"))),
                Map.entry("getDeletionCertificate", new Expected("tenants/{tenantId}/cancellation/certificate",
                        List.of("GET"))));
        Set<String> all = new java.util.HashSet<>(expected.keySet());
        all.add("checkpointAuditChains");
        all.add("sweepExpiredConsentGrants");
        all.add("sweepUnfinishedAssets");
        all.add("runErasureJob");
        all.add("replayErasureLedger");
        all.add("markErasuresIrrecoverable");
        all.add("requeueStalledErasures");
        all.add("sendNotices");
        all.add("runTenantJob");
        all.add("expireExports");
        all.add("advanceCancellations");
        assertEquals(all, functions.keySet());
        expected.forEach((name, want) -> {
            JsonNode trigger = functions.get(name).get("bindings").get(0);
            assertEquals("httpTrigger", trigger.get("type").asText(), name);
            assertEquals(want.route(), trigger.get("route").asText(), name);
            assertEquals(want.methods(), JSON.convertValue(trigger.get("methods"), List.class), name);
            assertEquals("ANONYMOUS", trigger.get("authLevel").asText(), name + ": callers authenticate with JWTs");
            assertEquals("../strongroom-functions-0.1.0.jar", functions.get(name).get("scriptFile").asText());
        });
    }

    @Test
    void thePeriodicAuditCheckpointRunsOnTheScheduleSetting() {
        JsonNode trigger = functions.get("checkpointAuditChains").get("bindings").get(0);
        assertEquals("timerTrigger", trigger.get("type").asText());
        assertEquals("%AUDIT_CHECKPOINT_SCHEDULE%", trigger.get("schedule").asText());
    }

    @Test
    void erasureJobsRunFromTheQueueTheSettingNamesOverTheIdentityBasedConnection() {
        JsonNode trigger = functions.get("runErasureJob").get("bindings").get(0);
        assertEquals("queueTrigger", trigger.get("type").asText());
        assertEquals("%ERASURE_QUEUE%", trigger.get("queueName").asText());
        assertEquals("STORAGE", trigger.get("connection").asText());
    }

    @Test
    void noticesAreSentFromTheQueueTheSettingNamesOverTheIdentityBasedConnection() {
        JsonNode trigger = functions.get("sendNotices").get("bindings").get(0);
        assertEquals("queueTrigger", trigger.get("type").asText());
        assertEquals("%NOTIFICATIONS_QUEUE%", trigger.get("queueName").asText());
        assertEquals("STORAGE", trigger.get("connection").asText());
    }

    @Test
    void exportsAreBuiltFromTheTenantJobsQueueAndExpireOnTheirSchedule() {
        JsonNode trigger = functions.get("runTenantJob").get("bindings").get(0);
        assertEquals("queueTrigger", trigger.get("type").asText());
        assertEquals("%TENANT_JOBS_QUEUE%", trigger.get("queueName").asText());
        assertEquals("STORAGE", trigger.get("connection").asText());
        assertEquals("%EXPORT_EXPIRY_SCHEDULE%", functions.get("expireExports").get("bindings").get(0)
                .get("schedule").asText());
        assertEquals("%CANCELLATION_SCHEDULE%", functions.get("advanceCancellations").get("bindings").get(0)
                .get("schedule").asText());
    }

    @Test
    void theErasureTimersRunOnTheirScheduleSettings() {
        assertEquals("%ERASURE_LEDGER_REPLAY_SCHEDULE%", functions.get("replayErasureLedger").get("bindings").get(0)
                .get("schedule").asText());
        assertEquals("%ERASURE_IRRECOVERABLE_SCHEDULE%", functions.get("markErasuresIrrecoverable").get("bindings")
                .get(0).get("schedule").asText());
        assertEquals("%ERASURE_REQUEUE_SCHEDULE%", functions.get("requeueStalledErasures").get("bindings").get(0)
                .get("schedule").asText());
    }

    @Test
    void theDeleteSweepRunsOnTheScheduleSetting() {
        JsonNode trigger = functions.get("sweepUnfinishedAssets").get("bindings").get(0);
        assertEquals("timerTrigger", trigger.get("type").asText());
        assertEquals("%ASSET_SWEEP_SCHEDULE%", trigger.get("schedule").asText());
    }

    @Test
    void theConsentSweepRunsOnTheScheduleSetting() {
        JsonNode trigger = functions.get("sweepExpiredConsentGrants").get("bindings").get(0);
        assertEquals("timerTrigger", trigger.get("type").asText());
        assertEquals("%CONSENT_SWEEP_SCHEDULE%", trigger.get("schedule").asText());
    }

    @Test
    void noFunctionServesTheDevTokenRoute() {
        functions.forEach((name, json) -> json.get("bindings").forEach(b ->
                assertFalse(b.path("route").asText().startsWith("dev"), name)));
    }

    @Test
    void everySettingThatABindingNamesIsADeclaredSetting() {
        Set<String> declared = Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toSet());
        Pattern reference = Pattern.compile("%([A-Za-z0-9_]+)%");
        functions.forEach((name, json) -> {
            Matcher m = reference.matcher(json.toString());
            while (m.find()) {
                assertTrue(declared.contains(m.group(1)), name + " names undeclared setting " + m.group(1));
            }
            json.get("bindings").forEach(b -> {
                if (b.has("connection")) {
                    assertEquals("STORAGE", b.get("connection").asText(), name);
                }
            });
        });
    }

    @Test
    void deploymentPackageCarriesHostJsonAndNoDevOnlyCode() throws IOException {
        assertTrue(Files.exists(APP.resolve("host.json")));
        try (ZipFile jar = new ZipFile(APP.resolve("strongroom-functions-0.1.0.jar").toFile())) {
            assertTrue(jar.stream().anyMatch(e -> e.getName().equals("com/strongroom/functions/TenantFunctions.class")));
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("com/strongroom/local/")),
                    "the local host must not ship");
            assertTrue(jar.stream().noneMatch(e -> e.getName().endsWith(".mjs")));
        }
        try (Stream<Path> libs = Files.list(APP.resolve("lib"))) {
            assertTrue(libs.noneMatch(p -> p.getFileName().toString().startsWith("junit")
                    || p.getFileName().toString().startsWith("archunit")), "test libraries must not ship");
        }
    }
}
