package com.strongroom.it;

import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.adapters.storage.QueueConsentNotices;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.TenantId;
import com.strongroom.testing.GrantStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Consent grants end to end through the local host, Cosmos DB and Azurite: a support engineer reads a tenant's
 * metadata and content only under an active grant that names them, covers the asset and allows the permission;
 * every use and refusal is in the trail with its grant; revocation and expiry act on the next
 * request; bad input changes nothing.
 */
class ConsentRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiClient api;
    private static CosmosClient cosmos;

    private String tenant;
    private String admin;
    private String engineer;
    private String engineerId;
    private String contributor;
    private String first;
    private String second;
    private final byte[] firstBytes = "first file's bytes".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void connect() {
        api = TestStack.shared().api();
        cosmos = TestStack.shared().emulators().newCosmosClient();
    }

    @AfterAll
    static void close() {
        cosmos.close();
    }

    @BeforeEach
    void tenantWithTwoAssets() {
        tenant = api.createTenant("consent-" + UUID.randomUUID().toString().substring(0, 8));
        admin = api.token("admin-1", Optional.of(tenant), "Tenant.Admin");
        engineer = api.token("support-7", Optional.empty(), "Support.Engineer");
        engineerId = api.objectId("support-7", Optional.empty());
        contributor = api.token("uploader", Optional.of(tenant), "Asset.Contributor");
        first = upload("first.txt", firstBytes);
        second = upload("second.txt", "second".getBytes(StandardCharsets.UTF_8));
    }

    private String upload(String name, byte[] bytes) {
        ApiClient.Response r = api.exchange("POST", "/api/tenants/" + tenant + "/assets", contributor,
                Map.of("X-Asset-Name", name, "Content-Type", "application/octet-stream"), bytes);
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asText();
    }

    private String grantBody(String grantee, String scope, List<String> assets, String permissions, String expiresAt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("grantee", grantee);
        body.put("scope", scope);
        if (!assets.isEmpty()) {
            assets.forEach(body.putArray("assetIds")::add);
        }
        for (String p : permissions.split(",")) {
            body.withArray("permissions").add(p);
        }
        body.put("purpose", "Preview of a PDF fails");
        body.put("ticket", "SUP-1042");
        body.put("expiresAt", expiresAt);
        return body.toString();
    }

    private JsonNode grant(String body) {
        ApiClient.Response r = api.postJson(grants(), admin, body);
        assertEquals(201, r.status(), r.text());
        assertEquals(grants() + "/" + r.json().get("id").asText(), r.header("Location"));
        return r.json();
    }

    private String grants() {
        return "/api/tenants/" + tenant + "/consent-grants";
    }

    private String asset(String id) {
        return "/api/tenants/" + tenant + "/assets/" + id;
    }

    @Test
    void anEngineerReadsTheScopedAssetsMetadataAndContentAndNothingElse() {
        JsonNode grant = grant(grantBody(engineerId, "assets", List.of(first), "metadata:read,content:read", "default"));
        assertEquals("active", grant.get("status").asText());
        assertEquals(api.objectId("admin-1", Optional.of(tenant)), grant.get("grantedBy").asText());

        ApiClient.Response metadata = api.get(asset(first), engineer);
        assertEquals(200, metadata.status(), metadata.text());
        assertEquals("first.txt", metadata.json().get("name").asText());
        ApiClient.Response content = api.get(asset(first) + "/content", engineer);
        assertEquals(200, content.status(), content.text());
        assertArrayEquals(firstBytes, content.bytes());
        ApiClient.Response listed = api.get("/api/tenants/" + tenant + "/assets", engineer);
        assertEquals(200, listed.status(), listed.text());
        assertEquals(List.of(first), ids(listed.json().get("assets")));

        assertProblem(api.get(asset(second), engineer), "not-found");
        assertProblem(api.get(asset(second) + "/content", engineer), "not-found");
        assertProblem(api.get(asset(UUID.randomUUID().toString()), engineer), "not-found");
    }

    @Test
    void supportStaffNeverUploadChangeDeleteOrGrantEvenUnderAGrant() {
        grant(grantBody(engineerId, "tenant", List.of(), "metadata:read,content:read", "default"));
        assertProblem(api.exchange("POST", "/api/tenants/" + tenant + "/assets", engineer,
                Map.of("X-Asset-Name", "x.txt", "Content-Type", "application/octet-stream"), new byte[] {1}), "forbidden");
        assertProblem(api.send("PATCH", asset(first), engineer, "application/json", "{\"metadata\":{\"k\":\"v\"}}"),
                "forbidden");
        assertProblem(api.send("DELETE", asset(first), engineer, null, null), "forbidden");
        assertProblem(api.postJson(grants(), engineer, grantBody(api.objectId("support-8", Optional.empty()), "tenant", List.of(), "metadata:read",
                "default")), "forbidden");
        assertProblem(api.get(grants(), engineer), "forbidden");
        assertEquals(200, api.get(asset(first), engineer).status(), "the files are untouched");
    }

    @Test
    void withoutAGrantOrWithTheWrongPermissionOrAsAnotherEngineerAccessIsRefused() {
        assertProblem(api.get(asset(first), engineer), "forbidden");
        grant(grantBody(engineerId, "tenant", List.of(), "metadata:read", "default"));
        ApiClient.Response metadata = api.get(asset(first), engineer);
        assertEquals(200, metadata.status());
        assertTrue(metadata.json().path("sha256").isMissingNode(), "no digest to confirm a guessed file with");
        assertProblem(api.get(asset(first) + "/content", engineer), "forbidden");
        String other = api.token("support-8", Optional.empty(), "Support.Engineer");
        assertProblem(api.get(asset(first), other), "forbidden");
        String stranger = api.token("reader-9", Optional.of(api.createTenant("stranger-"
                + UUID.randomUUID().toString().substring(0, 6))), "Asset.Reader", "Support.Engineer");
        assertProblem(api.get(asset(first), stranger), "forbidden");
    }

    @Test
    void everyUseAndRefusalIsInTheTrailWithItsGrantAndListedUnderIt() {
        String grantId = grant(grantBody(engineerId, "assets", List.of(first), "metadata:read", "default"))
                .get("id").asText();
        api.get(asset(first), engineer);
        api.get(asset(second), engineer);
        api.get(asset(first) + "/content", engineer);
        api.get(asset(first), api.token("reader", Optional.of(tenant), "Asset.Reader"));

        ApiClient.Response accesses = api.get(grants() + "/" + grantId + "/accesses", admin);
        assertEquals(200, accesses.status(), accesses.text());
        List<JsonNode> events = StreamSupport.stream(accesses.json().get("events").spliterator(), false).toList();
        assertEquals(List.of("DENIED", "DENIED", "SUCCESS"), events.stream().map(e -> e.get("outcome").asText()).toList());
        assertEquals(List.of("asset.download", "asset.read", "asset.read"),
                events.stream().map(e -> e.get("action").asText()).toList());
        for (JsonNode e : events) {
            assertEquals(engineerId + "@" + api.issuer().vendorTenant(), e.get("actor").asText());
            assertEquals(grantId, e.get("grantId").asText());
            assertTrue(e.path("purpose").isMissingNode() && e.path("ticket").isMissingNode(),
                    "the grant's free text is not copied into the trail");
        }
        ApiClient.Response trail = api.get("/api/tenants/" + tenant + "/audit-events?actor=" + engineerId + "@" + api.issuer().vendorTenant(), admin);
        assertEquals(3, trail.json().get("events").size(), "the tenant's own trail holds the same events");
        ApiClient.Response verify = api.get("/api/tenants/" + tenant + "/audit-events/verify", admin);
        assertTrue(verify.json().get("intact").asBoolean(), verify.text());
    }

    @Test
    void revocationEndsAccessOnTheNextRequest() {
        String grantId = grant(grantBody(engineerId, "tenant", List.of(), "metadata:read", "default"))
                .get("id").asText();
        assertEquals(200, api.get(asset(first), engineer).status());
        assertEquals(204, api.send("DELETE", grants() + "/" + grantId, admin, null, null).status());
        assertProblem(api.get(asset(first), engineer), "forbidden");
        assertEquals(204, api.send("DELETE", grants() + "/" + grantId, admin, null, null).status());
        JsonNode revoked = api.get(grants() + "/" + grantId, admin).json();
        assertEquals("revoked", revoked.get("status").asText());
        assertEquals(api.objectId("admin-1", Optional.of(tenant)), revoked.get("revokedBy").asText());
        assertProblem(api.send("DELETE", grants() + "/" + UUID.randomUUID(), admin, null, null), "not-found");
        assertProblem(api.send("DELETE", grants() + "/not-a-grant", admin, null, null), "invalid-request");
    }

    @Test
    void aGrantWhoseTimeRanOutRefusesAccessBeforeAnySweepAndTheSweepThenMarksIt() {
        String grantId = grant(grantBody(engineerId, "tenant", List.of(), "metadata:read", "default"))
                .get("id").asText();
        assertEquals(200, api.get(asset(first), engineer).status());
        CosmosContainer container = cosmos.getDatabase("strongroom").getContainer("grants");
        ObjectNode stored = (ObjectNode) container.readItem(grantId, new PartitionKey(tenant), JsonNode.class).getItem();
        Instant past = Instant.now().minus(Duration.ofMinutes(1));
        stored.put("expiresAt", past.toString());
        stored.put("expiresAtMs", past.toEpochMilli());
        container.replaceItem(stored, grantId, new PartitionKey(tenant), null);

        assertProblem(api.get(asset(first), engineer), "forbidden");
        assertEquals("expired", api.get(grants() + "/" + grantId, admin).json().get("status").asText());
        assertEquals("ACTIVE", container.readItem(grantId, new PartitionKey(tenant), JsonNode.class).getItem()
                .get("status").asText(), "refused on the clock, not on a sweep");

        TestStack.shared().host().app().consent().sweep().handle("sweep-it");
        assertEquals("EXPIRED", container.readItem(grantId, new PartitionKey(tenant), JsonNode.class).getItem()
                .get("status").asText());
        ApiClient.Response trail = api.get("/api/tenants/" + tenant + "/audit-events?action=consent.expire", admin);
        assertEquals("tenants/" + tenant + "/consent-grants/" + grantId,
                trail.json().get("events").get(0).get("target").asText());
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        String future31 = Instant.now().plus(Duration.ofDays(31)).toString();
        String past = Instant.now().minus(Duration.ofMinutes(1)).toString();
        List<String> bodies = List.of(
                grantBody(engineerId, "tenant", List.of(), "metadata:read", "default").replace("\"Preview of a PDF fails\"", "\"\""),
                grantBody(engineerId, "tenant", List.of(), "metadata:read", "default").replace(",\"ticket\":\"SUP-1042\"", ""),
                grantBody(engineerId, "tenant", List.of(), "metadata:read", past),
                grantBody(engineerId, "tenant", List.of(), "metadata:read", future31),
                grantBody(engineerId, "tenant", List.of(), "metadata:read", "next week"),
                grantBody(engineerId, "tenant", List.of(), "metadata:read", "default").replace(",\"expiresAt\":\"default\"", ""),
                grantBody(engineerId, "assets", List.of(first, UUID.randomUUID().toString()), "metadata:read", "default"),
                grantBody(engineerId, "assets", List.of("../etc"), "metadata:read", "default"),
                grantBody(engineerId, "assets", List.of(), "metadata:read", "default"),
                grantBody(engineerId, "tenant", List.of(), "metadata:write", "default"),
                grantBody(engineerId, "tenant", List.of(), "metadata:read", "default").replace("{", "{\"extra\":1,"),
                "[]");
        for (String body : bodies) {
            assertProblem(api.postJson(grants(), admin, body), "invalid-request");
        }
        assertProblem(api.postJson(grants(), admin, grantBody(api.objectId("admin-1", Optional.of(tenant)), "tenant", List.of(), "metadata:read",
                "default")), "forbidden");
        assertEquals(0, api.get(grants(), admin).json().get("grants").size(), "nothing was stored");
    }

    @Test
    void grantsAreListedWithTheirStateAndWhoGaveThem() {
        String revoked = grant(grantBody(engineerId, "tenant", List.of(), "metadata:read", "default")).get("id").asText();
        api.send("DELETE", grants() + "/" + revoked, admin, null, null);
        String active = grant(grantBody(api.objectId("support-8", Optional.empty()), "assets", List.of(second), "content:read",
                Instant.now().plus(Duration.ofDays(30)).toString())).get("id").asText();
        JsonNode listed = api.get(grants() + "?pageSize=1", admin).json();
        assertEquals(1, listed.get("grants").size());
        JsonNode newest = listed.get("grants").get(0);
        assertEquals(active, newest.get("id").asText());
        assertEquals("active", newest.get("status").asText());
        assertEquals(List.of(second), ids(newest.get("assetIds")));
        JsonNode rest = api.get(grants() + "?pageSize=1&continuation=" + listed.get("continuation").asText(), admin)
                .json();
        assertEquals(revoked, rest.get("grants").get(0).get("id").asText());
        assertEquals("revoked", rest.get("grants").get(0).get("status").asText());
        assertEquals(api.objectId("admin-1", Optional.of(tenant)), rest.get("grants").get(0).get("grantedBy").asText());
    }

    @Test
    void theFirstUseIsToldToTheAdminsOnceAndItsMessageHoldsIdsOnlyInBase64() throws Exception {
        String grantId = grant(grantBody(engineerId, "tenant", List.of(), "metadata:read", "default"))
                .get("id").asText();
        api.get(asset(first), engineer);
        api.get(asset(second), engineer);
        // The worker consumes the notifications queue: what reached the tenant is one notice for the grant.
        JsonNode firstUse = null;
        for (int i = 0; i < 150 && firstUse == null; i++) {
            for (JsonNode n : api.get("/api/tenants/" + tenant + "/notices", admin).json().get("notices")) {
                if (n.get("kind").asText().equals("consent.first-use") && n.get("text").asText().contains(grantId)) {
                    firstUse = n;
                }
            }
            Thread.sleep(200);
        }
        assertTrue(firstUse != null, "no first-use notice");
        assertEquals(1, java.util.stream.StreamSupport.stream(api.get("/api/tenants/" + tenant + "/notices", admin)
                .json().get("notices").spliterator(), false).filter(n -> n.get("kind").asText()
                .equals("consent.first-use")).count(), "one notice, however often the grant was used");
        // What the adapter puts on the queue, read raw from a queue of its own: base64 JSON of ids only.
        QueueClient raw = new QueueClientBuilder().connectionString(TestStack.shared().values().get("STORAGE"))
                .queueName("first-use-" + UUID.randomUUID().toString().substring(0, 8)).buildClient();
        raw.create();
        ConsentGrant granted = GrantStoreContract.grant(TenantId.of(tenant), engineerId, 0, ConsentGrant.Scope.tenant());
        new QueueConsentNotices(new QueueClientBuilder().connectionString(TestStack.shared().values().get("STORAGE"))
                .queueName(raw.getQueueName()).messageEncoding(QueueMessageEncoding.BASE64).buildClient())
                .firstUse(granted);
        QueueMessageItem item = raw.receiveMessage();
        JsonNode notice = readJson(Base64.getDecoder().decode(item.getBody().toString()));
        assertEquals("consent.first-use", notice.get("type").asText());
        assertEquals(tenant, notice.get("tenantId").asText());
        assertEquals(granted.id().value(), notice.get("grantId").asText());
        assertFalse(notice.toString().contains(granted.purpose()) || notice.toString().contains(granted.ticket())
                || notice.toString().contains(engineerId), "ids only: " + notice);
        assertFalse(api.get(grants() + "/" + grantId, admin).json().get("firstUsedAt").isNull());
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError("a notification is not JSON", e);
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(a -> ids.add(a.isTextual() ? a.asText() : a.get("id").asText()));
        return ids;
    }
}
