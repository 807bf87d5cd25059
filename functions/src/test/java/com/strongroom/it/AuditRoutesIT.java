package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.util.BinaryData;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The audit routes through the local host against the emulators; tampering is done straight in the stores. */
class AuditRoutesIT {
    private static TestStack stack;
    private static ApiClient api;
    private static CosmosClient cosmos;
    private static BlobContainerClient checkpoints;

    @BeforeAll
    static void start() {
        stack = TestStack.shared();
        api = stack.api();
        cosmos = stack.emulators().newCosmosClient();
        checkpoints = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE")).buildClient()
                .getBlobContainerClient("audit-checkpoints");
    }

    @AfterAll
    static void stop() {
        cosmos.close();
    }

    private static CosmosContainer audit() {
        return cosmos.getDatabase("strongroom").getContainer(CosmosAuditLog.CONTAINER);
    }

    private static String newTenant() {
        return api.createTenant("au-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String admin(String tenant) {
        return api.token("admin-of-" + tenant, Optional.of(tenant), "Tenant.Admin");
    }

    private static List<JsonNode> events(String tenant, String query) {
        ApiClient.Response r = api.get("/api/tenants/" + tenant + "/audit-events" + query, admin(tenant));
        assertEquals(200, r.status(), r.text());
        List<JsonNode> events = new ArrayList<>();
        r.json().get("events").forEach(events::add);
        return events;
    }

    private static JsonNode verify(String tenant) {
        ApiClient.Response r = api.get("/api/tenants/" + tenant + "/audit-events/verify", admin(tenant));
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    private static List<String> findings(JsonNode report, String chain) {
        for (JsonNode c : report.get("chains")) {
            if (c.get("chain").asText().equals(chain)) {
                List<String> found = new ArrayList<>();
                c.get("findings").forEach(f -> found.add(f.get("kind").asText() + "@" + f.get("sequence").asInt()));
                return found;
            }
        }
        throw new AssertionError("no chain " + chain);
    }

    /**
     * The lane of a class's chain that holds the tenant's events of that class. One client's requests one after
     * another keep to one lane, though which one each instance starts with is chosen at random.
     */
    private static String lane(String tenant, String classChain) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT c.chain FROM c WHERE c.tenantId = @tenant AND c.type = 'event'",
                List.of(new SqlParameter("@tenant", tenant)));
        Set<String> lanes = audit().queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class).stream()
                .map(c -> c.get("chain").asText())
                .filter(c -> c.equals(classChain) || c.startsWith(classChain + "."))
                .collect(Collectors.toSet());
        assertEquals(1, lanes.size(), lanes.toString());
        return lanes.iterator().next();
    }

    /** Reads the tenant {@code count} times as its admin: access events 1..count of one lane of the access chain. */
    private static void readTenant(String tenant, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(200, api.get("/api/tenants/" + tenant, admin(tenant)).status());
        }
    }

    /** The stored event at {@code sequence} of the lane of {@code classChain} that the tenant's events are in. */
    private static ObjectNode stored(String tenant, String classChain, long sequence) {
        return (ObjectNode) audit().readItem(String.format("%s-%012d", lane(tenant, classChain), sequence),
                lanePartition(tenant, lane(tenant, classChain)), JsonNode.class).getItem();
    }

    /** The audit container is partitioned by tenant, then chain lane. */
    private static PartitionKey lanePartition(String tenant, String chain) {
        return new PartitionKeyBuilder().add(tenant).add(chain).build();
    }

    private static void store(String tenant, ObjectNode doc) {
        audit().upsertItem(doc, lanePartition(tenant, doc.get("chain").asText()), new CosmosItemRequestOptions());
    }

    @Test
    void everyActionIsInTheTrailWithWhoWhatAndOutcome() {
        String tenant = newTenant();
        readTenant(tenant, 1);
        api.get("/api/tenants/" + tenant, api.token("reader-x", Optional.of(tenant), "Asset.Reader"));
        api.get("/api/tenants/" + tenant, null);
        assertEquals(201, api.send("POST", "/api/tenants/" + tenant + "/audit-checkpoints", admin(tenant), null, null)
                .status());
        verify(tenant);
        events(tenant, "");

        List<JsonNode> all = events(tenant, "?pageSize=1000");
        Set<String> seen = all.stream().map(e -> e.get("action").asText() + ":" + e.get("outcome").asText()
                + ":" + e.get("actor").asText()).collect(Collectors.toSet());
        String admin = api.actor("admin-of-" + tenant, Optional.of(tenant));
        assertEquals(Set.of("tenant.create:ATTEMPTED:" + api.actor("platform-admin", Optional.empty()),
                "tenant.create:SUCCESS:" + api.actor("platform-admin", Optional.empty()),
                "tenant.read:SUCCESS:" + admin, "tenant.read:DENIED:" + api.actor("reader-x", Optional.of(tenant)), "audit.checkpoint:SUCCESS:" + admin,
                "audit.verify:SUCCESS:" + admin, "audit.read:SUCCESS:" + admin), seen);
        for (JsonNode e : all) {
            assertEquals(tenant, e.get("tenantId").asText());
            assertTrue(e.get("hash").asText().matches("[0-9a-f]{64}"));
            assertFalse(e.get("requestId").asText().isEmpty());
            assertFalse(e.toString().contains("wrappedTdk"));
        }
        assertEquals("SECURITY", all.stream().filter(e -> e.get("outcome").asText().equals("DENIED")).findFirst()
                .orElseThrow().get("eventClass").asText());
    }

    @Test
    void eachEventCarriesTheTtlOfItsRetentionClass() {
        String tenant = newTenant();
        readTenant(tenant, 1);
        api.get("/api/tenants/" + tenant, api.token("reader-ttl", Optional.of(tenant), "Asset.Reader"));
        assertEquals(30L * 86400, stored(tenant, "access", 1).get("ttl").asLong());
        assertEquals(400L * 86400, stored(tenant, "admin", 1).get("ttl").asLong());
        assertEquals(400L * 86400, stored(tenant, "security", 1).get("ttl").asLong());
        assertEquals("ACCESS", stored(tenant, "access", 1).get("eventClass").asText());
    }

    @Test
    void filtersAndPagesThroughTheRoute() {
        String tenant = newTenant();
        readTenant(tenant, 5);
        assertEquals(5, events(tenant, "?action=tenant.read").size());
        assertEquals(Set.of("SUCCESS", "ATTEMPTED"), events(tenant, "?action=tenant.create&actor="
                + api.actor("platform-admin", Optional.empty()) + "&target=tenants/" + tenant).stream()
                .map(e -> e.get("outcome").asText()).collect(Collectors.toSet()));
        assertEquals(0, events(tenant, "?to=2000-01-01T00:00:00Z").size());

        List<String> paged = new ArrayList<>();
        String continuation = null;
        do {
            ApiClient.Response r = api.get("/api/tenants/" + tenant + "/audit-events?action=tenant.read&pageSize=2"
                    + (continuation == null ? "" : "&continuation=" + continuation), admin(tenant));
            assertEquals(200, r.status(), r.text());
            assertTrue(r.json().get("events").size() <= 2);
            r.json().get("events").forEach(e -> paged.add(e.get("eventId").asText()));
            continuation = r.json().get("continuation").isNull() ? null : r.json().get("continuation").asText();
        } while (continuation != null);
        assertEquals(5, paged.size());
        assertEquals(5, Set.copyOf(paged).size());
    }

    @Test
    void badQueriesAreProblemsAndNotAudited() {
        String tenant = newTenant();
        for (String query : List.of("?from=yesterday", "?pageSize=0", "?pageSize=1001", "?pageSize=ten",
                "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "?continuation=%25%25not-ours",
                "?actor=" + "x".repeat(600))) {
            ApiClient.Response r = api.get("/api/tenants/" + tenant + "/audit-events" + query, admin(tenant));
            assertEquals(400, r.status(), query + " -> " + r.text());
            TenantRoutesIT.assertProblem(r, "invalid-request");
        }
        for (String query : List.of("?to=never", "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            ApiClient.Response r = api.get("/api/tenants/" + tenant + "/audit-events/verify" + query, admin(tenant));
            TenantRoutesIT.assertProblem(r, "invalid-request");
        }
        assertEquals(0, events(tenant, "?action=audit.read").size());
    }

    @Test
    void anEditedEventIsReportedAtItsPosition() {
        String tenant = newTenant();
        readTenant(tenant, 4);
        ObjectNode third = stored(tenant, "access", 3);
        third.put("actor", "someone-innocent");
        store(tenant, third);
        JsonNode report = verify(tenant);
        assertFalse(report.get("intact").asBoolean());
        assertEquals(List.of("ALTERED@3"), findings(report, lane(tenant, "access")));
        assertEquals(3, report.get("firstFinding").get("sequence").asInt());
    }

    @Test
    void anEventEditedIntoNonsenseIsReportedNotAnError() {
        String tenant = newTenant();
        readTenant(tenant, 3);
        ObjectNode second = stored(tenant, "access", 2);
        second.put("outcome", "MAYBE").put("at", "yesterday");
        store(tenant, second);
        assertEquals(List.of("ALTERED@2"), findings(verify(tenant), lane(tenant, "access")));
    }

    @Test
    void aDeletedEventIsReportedAtItsPosition() {
        String tenant = newTenant();
        readTenant(tenant, 4);
        String lane = lane(tenant, "access");
        audit().deleteItem(String.format("%s-%012d", lane, 2), lanePartition(tenant, lane), new CosmosItemRequestOptions());
        assertEquals(List.of("MISSING@2"), findings(verify(tenant), lane));
    }

    @Test
    void reorderedEventsAreReportedAtTheirPositions() {
        String tenant = newTenant();
        readTenant(tenant, 4);
        ObjectNode second = stored(tenant, "access", 2);
        ObjectNode third = stored(tenant, "access", 3);
        ObjectNode movedUp = third.deepCopy().put("id", second.get("id").asText()).put("sequence", 2);
        ObjectNode movedDown = second.deepCopy().put("id", third.get("id").asText()).put("sequence", 3);
        store(tenant, movedUp);
        store(tenant, movedDown);
        List<String> found = findings(verify(tenant), lane(tenant, "access"));
        assertTrue(found.contains("ALTERED@2") && found.contains("ALTERED@3"), found.toString());
    }

    @Test
    void thePeriodicCheckpointSignsTheEndOfChainsThatGrew() {
        String tenant = newTenant();
        readTenant(tenant, 3);
        com.strongroom.app.Strongroom app = com.strongroom.app.Strongroom.start(
                com.strongroom.config.Settings.from(stack.values()));
        new com.strongroom.functions.AuditCheckpointTimer(app).run("{}",
                new com.strongroom.local.LocalExecutionContext("checkpointAuditChains"));
        List<String> signed = new ArrayList<>();
        checkpoints.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(tenant + "/"), null)
                .forEach(b -> signed.add(b.getName().substring(0, b.getName().lastIndexOf('-'))));
        String access = lane(tenant, "access");
        assertEquals(Set.of(tenant + "/" + access + "/000000000003", tenant + "/" + lane(tenant, "admin")
                + "/000000000002"), Set.copyOf(signed), "the admin chain holds the creation's attempt and its success");
        JsonNode report = verify(tenant);
        assertTrue(report.get("intact").asBoolean());
        for (JsonNode chain : report.get("chains")) {
            if (chain.get("chain").asText().equals(access)) {
                assertEquals(1, chain.get("checkpointsVerified").asInt());
            }
        }
    }

    @Test
    void aForgedCheckpointFailsSignatureVerification() {
        String tenant = newTenant();
        readTenant(tenant, 2);
        assertEquals(201, api.send("POST", "/api/tenants/" + tenant + "/audit-checkpoints", admin(tenant), null, null)
                .status());
        assertTrue(verify(tenant).get("intact").asBoolean());
        String lane = lane(tenant, "access");
        List<String> names = new ArrayList<>();
        checkpoints.listBlobs().forEach(b -> {
            if (b.getName().startsWith(tenant + "/" + lane + "/")) {
                names.add(b.getName());
            }
        });
        assertEquals(1, names.size(), names.toString());
        String genuine = checkpoints.getBlobClient(names.get(0)).downloadContent().toString();
        String[] parts = genuine.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"sequence\":", "\"sequence\":9").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        checkpoints.getBlobClient(tenant + "/" + lane + "/000000000099-1.jws")
                .upload(BinaryData.fromString(parts[0] + "." + forgedPayload + "." + parts[2]));
        JsonNode report = verify(tenant);
        assertFalse(report.get("intact").asBoolean());
        assertEquals(List.of("FORGED_CHECKPOINT@-1"), findings(report, lane));
    }
}
