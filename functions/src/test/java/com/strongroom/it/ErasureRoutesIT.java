package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Erasure requests end to end through the local host, the queue runner, Cosmos DB and Azurite: preview, four eyes,
 * the queued job, a receipt anyone verifies with the stamp's published keys, and nothing of the subject left.
 */
class ErasureRoutesIT {
    static final String JANE = "jane.doe@example.com";
    private static ApiClient api;
    private static CosmosClient cosmos;

    private String tenant;
    private String manager;
    private String secondManager;
    private String admin;

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
    void tenant() {
        tenant = api.createTenant("erase-" + UUID.randomUUID().toString().substring(0, 8));
        manager = api.token("manager-1", Optional.of(tenant), "Archive.Manager");
        secondManager = api.token("manager-2", Optional.of(tenant), "Archive.Manager");
        admin = api.token("admin-1", Optional.of(tenant), "Tenant.Admin");
    }

    static ApiClient.Response upload(ApiClient api, String tenant, String token, String name, String... subjects) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("X-Asset-Name", URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        List<String> encoded = new ArrayList<>();
        for (String s : subjects) {
            encoded.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        headers.put("X-Asset-Subjects", String.join(",", encoded));
        return api.exchange("POST", "/api/tenants/" + tenant + "/assets", token, headers,
                ("content of " + name).getBytes(StandardCharsets.UTF_8));
    }

    String uploaded(String name, String... subjects) {
        ApiClient.Response r = upload(api, tenant, manager, name, subjects);
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asText();
    }

    String requestBody(String... subjects) {
        StringBuilder list = new StringBuilder();
        for (String s : subjects) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(s).append('"');
        }
        return "{\"subjects\":[" + list + "],\"reason\":\"Art. 17 request by email\","
                + "\"receivedAt\":\"2026-11-01T09:00:00Z\",\"reference\":\"DSR-2026-17\"}";
    }

    String path(String erasure) {
        return "/api/tenants/" + tenant + "/erasure-requests/" + erasure;
    }

    @Test
    void aSubjectsFilesAreErasedAfterApprovalWithAReceiptAnyoneCanVerify() throws Exception {
        String passport = uploaded("Jane Doe passport.pdf", JANE);
        String shared = uploaded("team photo.jpg", "john@example.com", "Jane.Doe@Example.com");
        String contract = uploaded("contract.pdf", JANE);
        String unrelated = uploaded("unrelated.txt", "john@example.com");
        ApiClient.Response hold = api.send("PATCH", "/api/tenants/" + tenant + "/assets/" + contract, manager,
                "application/json", "{\"legalHold\":{\"reason\":\"litigation 2026-04\"}}");
        assertEquals(200, hold.status(), hold.text());

        ApiClient.Response created = api.postJson("/api/tenants/" + tenant + "/erasure-requests", manager,
                requestBody(JANE));
        assertEquals(201, created.status(), created.text());
        JsonNode preview = created.json();
        String erasure = preview.get("id").asText();
        assertEquals(path(erasure), created.header("Location"));
        assertEquals("awaiting-approval", preview.get("state").asText());
        assertEquals("2026-12-01T23:59:59Z", preview.get("dueAt").asText());
        assertEquals(2, preview.get("preview").get("erasableCount").asInt());
        assertEquals("legal hold: litigation 2026-04", preview.get("preview").get("retained").get(0).get("reason")
                .asText());
        String stored = storedRequest(erasure).toString().toLowerCase();
        assertFalse(stored.contains("jane"), "the stored request holds no identifier: " + stored);

        ApiClient.Response own = api.postJson(path(erasure) + "/approve", manager, "");
        assertEquals(403, own.status(), own.text());
        TenantRoutesIT.assertProblem(own, "forbidden");
        ApiClient.Response approved = api.postJson(path(erasure) + "/approve", secondManager, "");
        assertEquals(202, approved.status(), approved.text());
        JsonNode done = api.awaitErasure(tenant, erasure, "completed");

        for (String gone : List.of(passport, shared)) {
            assertEquals(404, api.get("/api/tenants/" + tenant + "/assets/" + gone, manager).status());
            assertTrue(keyringEntry(gone).isEmpty(), "the DEK of " + gone + " is destroyed");
        }
        assertEquals(200, api.get("/api/tenants/" + tenant + "/assets/" + contract, manager).status());
        assertEquals(200, api.get("/api/tenants/" + tenant + "/assets/" + unrelated, manager).status());
        JsonNode found = api.get("/api/tenants/" + tenant + "/assets?subject=" + URLEncoder.encode(JANE,
                StandardCharsets.UTF_8), manager).json();
        assertEquals(List.of(contract), ids(found.get("assets")), "only what the hold keeps is found");
        assertEquals(3, done.get("assets").size());

        ApiClient.Response receipt = api.get(path(erasure) + "/receipt", admin);
        assertEquals(200, receipt.status(), receipt.text());
        assertEquals("application/jose", receipt.contentType());
        JWKSet keys = JWKSet.parse(api.get("/api/signing-keys", null).text());
        JWSObject jws = JWSObject.parse(receipt.text());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jws.getHeader().getKeyID());
        assertNotNull(key, "the receipt's key is published");
        assertTrue(jws.verify(new RSASSAVerifier(key)), "the receipt verifies with the published key");
        Map<String, Object> payload = jws.getPayload().toJSONObject();
        assertEquals(erasure, payload.get("erasureRequestId"));
        assertEquals(2, ((List<?>) payload.get("erased")).size());
        assertEquals(2, ((List<?>) payload.get("keysDestroyed")).size());
        assertEquals(done.get("receiptSha256").asText(), HexFormat.of().formatHex(MessageDigest
                .getInstance("SHA-256").digest(jws.getPayload().toBytes())));
        assertFalse(receipt.text().toLowerCase().contains("jane"));

        // A receipt someone edited no longer verifies.
        Map<String, Object> edited = new LinkedHashMap<>(payload);
        edited.put("erased", List.of());
        JWSObject forged = new JWSObject(jws.getHeader().toBase64URL(), new Payload(edited),
                jws.getSignature());
        assertFalse(forged.verify(new RSASSAVerifier(key)));
        assertFalse(JWSObject.parse(jws.getHeader().toBase64URL() + "." + Base64URL.encode("{}") + "."
                + jws.getSignature()).verify(new RSASSAVerifier(key)));

        // The completion event of the trail carries the receipt's hash.
        JsonNode events = api.get("/api/tenants/" + tenant + "/audit-events?action=erasure.complete", admin).json();
        assertTrue(events.toString().contains(done.get("receiptSha256").asText()), events.toString());
        assertFalse(api.get("/api/tenants/" + tenant + "/audit-events", admin).text().toLowerCase().contains("jane"));
    }

    @Test
    void listsAndReadsShowStateAndDueDate() {
        ApiClient.Response created = api.postJson("/api/tenants/" + tenant + "/erasure-requests", manager,
                requestBody("someone@example.com"));
        String erasure = created.json().get("id").asText();
        JsonNode listing = api.get("/api/tenants/" + tenant + "/erasure-requests?state=awaiting-approval", admin)
                .json();
        assertEquals(List.of(erasure), ids(listing.get("erasureRequests")));
        assertEquals(0, api.get("/api/tenants/" + tenant + "/erasure-requests?state=completed", admin).json()
                .get("erasureRequests").size());
        ApiClient.Response bad = api.get("/api/tenants/" + tenant + "/erasure-requests?state=done", admin);
        TenantRoutesIT.assertProblem(bad, "invalid-request");
        ApiClient.Response extended = api.postJson(path(erasure) + "/extend", manager,
                "{\"months\":2,\"reason\":\"the subject's files span several archives\"}");
        assertEquals(200, extended.status(), extended.text());
        assertEquals("2027-02-01T23:59:59Z", extended.json().get("dueAt").asText(), "received 1 November: 3 months");
        ApiClient.Response again = api.postJson(path(erasure) + "/extend", manager, "{\"months\":1,\"reason\":\"x\"}");
        TenantRoutesIT.assertProblem(again, "conflict");
        ApiClient.Response cancelled = api.postJson(path(erasure) + "/cancel", manager, "");
        assertEquals("cancelled", cancelled.json().get("state").asText());
        TenantRoutesIT.assertProblem(api.postJson(path(erasure) + "/approve", secondManager, ""), "conflict");
        TenantRoutesIT.assertProblem(api.get(path(erasure) + "/receipt", admin), "not-found");
    }

    @Test
    void badInputIsAClearProblemAndStoresNothing() {
        String future = "{\"subjects\":[\"a@example.com\"],\"reason\":\"r\",\"receivedAt\":\"2999-01-01T00:00:00Z\"}";
        for (String body : List.of(future, "{\"subjects\":[],\"reason\":\"r\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}",
                "{\"subjects\":[\"a\"],\"reason\":\"r\",\"receivedAt\":\"2026-01-01T00:00:00Z\",\"extra\":1}",
                "{\"subjects\":[\"" + "x".repeat(321) + "\"],\"reason\":\"r\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}",
                "{\"subjects\":[\"a\"],\"reason\":\"r\",\"receivedAt\":\"yesterday\"}", "not json")) {
            ApiClient.Response r = api.postJson("/api/tenants/" + tenant + "/erasure-requests", manager, body);
            assertEquals(400, r.status(), body + " -> " + r.text());
            assertEquals("application/problem+json", r.contentType());
        }
        assertEquals(0, api.get("/api/tenants/" + tenant + "/erasure-requests", admin).json().get("erasureRequests")
                .size());
        TenantRoutesIT.assertProblem(api.get(path(UUID.randomUUID().toString()), admin), "not-found");
        TenantRoutesIT.assertProblem(api.get(path("not-an-id"), admin), "invalid-request");
    }

    private JsonNode storedRequest(String erasure) {
        return cosmos.getDatabase("strongroom").getContainer("erasures").readItem(erasure, new PartitionKey(tenant),
                JsonNode.class).getItem();
    }

    private Optional<JsonNode> keyringEntry(String asset) {
        List<JsonNode> found = new ArrayList<>();
        cosmos.getDatabase("strongroom").getContainer("keyring").queryItems("SELECT * FROM c WHERE c.tenantId = '" + tenant + "' AND c.id = '"
                + asset + "'",
                new CosmosQueryRequestOptions().setPartitionKey(
                new PartitionKey(tenant)), JsonNode.class).forEach(found::add);
        return found.stream().findFirst();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }
}
