package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import com.strongroom.adapters.keys.LocalKeyFileKeyring;
import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.tenant.KeyBindings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

class TenantRoutesIT {
    private static TestStack stack;
    private static ApiClient api;
    private static CosmosClient cosmos;

    @BeforeAll
    static void start() {
        stack = TestStack.shared();
        api = stack.api();
        cosmos = stack.emulators().newCosmosClient();
    }

    @AfterAll
    static void stop() {
        cosmos.close();
    }

    private static String uniqueId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CosmosContainer container(String name) {
        return cosmos.getDatabase("strongroom").getContainer(name);
    }

    private static List<JsonNode> auditEvents(String tenantId) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @t AND c.type = 'event'",
                List.of(new SqlParameter("@t", tenantId)));
        return container(CosmosAuditLog.CONTAINER).queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class)
                .stream().toList();
    }

    @Test
    void createsTenantWithLocationAndNoKeyMaterialInTheAnswer() {
        String id = uniqueId();
        ApiClient.Response created = api.postJson("/api/tenants", api.platformAdmin(),
                "{\"id\":\"" + id + "\",\"displayName\":\"  Acme Ltd \"}");
        assertEquals(201, created.status());
        assertEquals("/api/tenants/" + id, created.header("Location"));
        assertEquals(Set.of("id", "displayName", "region", "entraTenantId", "status", "createdAt"),
                fieldNames(created.json()), "local mode registers a made-up Entra tenant on a tenant created without one");
        assertEquals("Acme Ltd", created.json().get("displayName").asText());
        assertEquals(TestStack.STAMP, created.json().get("region").asText());

        ApiClient.Response read = api.get("/api/tenants/" + id, api.platformAdmin());
        assertEquals(200, read.status());
        assertEquals(created.json(), read.json());
        String ownAdmin = api.token("admin-of-" + id, Optional.of(id), "Tenant.Admin");
        assertEquals(200, api.get("/api/tenants/" + id, ownAdmin).status());
    }

    @Test
    void secondCreateOfTheSameIdIsConflictAndChangesNothing() {
        String id = api.createTenant(uniqueId());
        JsonNode before = container("tenants").readItem(id, new com.azure.cosmos.models.PartitionKey(id), JsonNode.class)
                .getItem();
        ApiClient.Response again = api.postJson("/api/tenants", api.platformAdmin(),
                "{\"id\":\"" + id + "\",\"displayName\":\"Impostor\"}");
        assertEquals(409, again.status());
        assertProblem(again, "conflict");
        JsonNode after = container("tenants").readItem(id, new com.azure.cosmos.models.PartitionKey(id), JsonNode.class)
                .getItem();
        assertEquals(before.get("displayName"), after.get("displayName"));
        assertEquals(before.get("keys"), after.get("keys"));
    }

    @Test
    void storedKeysFormTheHierarchyTdkUnderKekAndBlindIndexKeyUnderTdk() {
        String id = api.createTenant(uniqueId());
        JsonNode keys = container("tenants").readItem(id, new com.azure.cosmos.models.PartitionKey(id), JsonNode.class)
                .getItem().get("keys");
        String kekId = keys.get("kekId").asText();
        assertTrue(kekId.startsWith("local:tenant-" + id + "/"), kekId);
        LocalKeyFileKeyring keyring = new LocalKeyFileKeyring(Path.of(stack.values().get("LOCAL_KEYS_DIR")));
        byte[] tdk = keyring.unwrap(kekId, Base64.getDecoder().decode(keys.get("wrappedTdk").asText()));
        assertEquals(32, tdk.length);
        byte[] sealedBik = Base64.getDecoder().decode(keys.get("wrappedBlindIndexKey").asText());
        byte[] bik = Aes256Gcm.open(tdk, sealedBik, KeyBindings.blindIndexKey(TenantId.of(id), 1));
        assertEquals(32, bik.length);
        assertFalse(java.util.Arrays.equals(tdk, bik));
        assertThrows(TamperedException.class, () -> Aes256Gcm.open(tdk, sealedBik,
                KeyBindings.blindIndexKey(TenantId.of("another-tenant"), 1)));
    }

    @Test
    void tenantDocumentAndKeyFilesHoldNoKeyInClear() throws Exception {
        String id = api.createTenant(uniqueId());
        String doc = container("tenants").readItem(id, new com.azure.cosmos.models.PartitionKey(id), JsonNode.class)
                .getItem().toString();
        assertFalse(doc.contains("\"tdk\""));
        try (Stream<Path> files = Files.walk(Path.of(stack.values().get("LOCAL_KEYS_DIR"), "kek", "tenant-" + id))) {
            List<Path> keyFiles = files.filter(Files::isRegularFile).toList();
            assertEquals(1, keyFiles.size());
            assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(keyFiles.get(0)));
        }
    }

    @Test
    void tenantCreationAndDenialsAreAudited() {
        String id = api.createTenant(uniqueId());
        List<JsonNode> events = auditEvents(id);
        List<JsonNode> creation = events.stream().filter(e -> e.get("action").asText().equals("tenant.create"))
                .sorted(java.util.Comparator.comparing(e -> e.get("sequence").asLong())).toList();
        assertEquals(List.of("ATTEMPTED", "SUCCESS"), creation.stream().map(e -> e.get("outcome").asText()).toList(),
                "the attempt is recorded before the tenant exists, the outcome after");
        assertEquals(creation.get(0).get("requestId"), creation.get(1).get("requestId"));
        JsonNode create = creation.get(1);
        assertEquals(api.actor("platform-admin", Optional.empty()), create.get("actor").asText());
        assertEquals("Platform.Admin", create.get("role").asText());
        assertEquals("SUCCESS", create.get("outcome").asText());
        assertEquals("tenants/" + id, create.get("target").asText());
        assertEquals("ADMIN", create.get("eventClass").asText());
        assertNotNull(create.get("requestId"));

        String reader = api.token("reader-1", Optional.of(id), "Asset.Reader");
        assertEquals(403, api.get("/api/tenants/" + id, reader).status());
        assertEquals(401, api.get("/api/tenants/" + id, null).status());
        List<JsonNode> denials = auditEvents(id).stream().filter(e -> e.get("outcome").asText().equals("DENIED")).toList();
        assertEquals(1, denials.size(), "the anonymous refusal is the stamp's, not the tenant's: " + denials);
        assertEquals(api.actor("reader-1", Optional.of(id)), denials.get(0).get("actor").asText());
        assertEquals("SECURITY", denials.get(0).get("eventClass").asText());
        // The anonymous refusal is counted in the stamp's trail per source and minute (AnonymousFloodIT).
    }

    /** Anyone can send anonymous requests; a flood of them must not grow the tenant's chain (kept 400 days). */
    @Test
    void aFloodOfAnonymousRequestsLeavesTheTenantsChainAlone() {
        String id = api.createTenant(uniqueId());
        int before = auditEvents(id).size();
        for (int i = 0; i < 200; i++) {
            assertEquals(401, api.get("/api/tenants/" + id + "/assets", null).status());
        }
        assertEquals(before, auditEvents(id).size());
    }

    @Test
    void badInputIsRefusedWithProblemAndCreatesNothing() {
        String admin = api.platformAdmin();
        String id = uniqueId();
        assertProblem(api.postJson("/api/tenants", admin, "{\"id\":\"Bad/Id\",\"displayName\":\"x\"}"), "invalid-request");
        assertProblem(api.postJson("/api/tenants", admin, "{\"id\":\"" + id + "\"}"), "invalid-request");
        assertProblem(api.postJson("/api/tenants", admin, "{\"id\":\"" + id + "\",\"displayName\":\"a\\u0007b\"}"),
                "invalid-request");
        assertProblem(api.postJson("/api/tenants", admin, "{\"id\":\"" + id + "\",\"displayName\":\"x\",\"kek\":\"mine\"}"),
                "invalid-request");
        assertProblem(api.postJson("/api/tenants", admin, "{\"id\":\"" + id + "\","), "invalid-request");
        assertProblem(api.postJson("/api/tenants", admin, ""), "invalid-request");
        assertProblem(api.postJson("/api/tenants", admin, "[]"), "invalid-request");
        assertProblem(api.postJson("/api/tenants", admin, "{\"id\":\"" + id + "\",\"displayName\":\"x\",\"region\":\"mars\"}"),
                "invalid-request");
        assertProblem(api.send("POST", "/api/tenants", admin, "text/plain", "{\"id\":\"" + id + "\",\"displayName\":\"x\"}"),
                "unsupported-media-type");
        assertProblem(api.get("/api/tenants/NOT_VALID", admin), "invalid-request");
        assertEquals(404, api.get("/api/tenants/" + id, admin).status());
    }

    @Test
    void creatingATenantForAnotherRegionIsMisdirectedAndCreatesNothing() {
        String id = uniqueId();
        ApiClient.Response r = api.postJson("/api/tenants", api.platformAdmin(),
                "{\"id\":\"" + id + "\",\"displayName\":\"x\",\"region\":\"australiaeast\"}");
        assertProblem(r, "misdirected");
        assertEquals(421, r.status());
        assertEquals("australiaeast", r.json().get("homeRegion").asText());
        assertEquals(404, api.get("/api/tenants/" + id, api.platformAdmin()).status());
        assertFalse(Files.exists(Path.of(stack.values().get("LOCAL_KEYS_DIR"), "kek", "tenant-" + id)));
    }

    @Test
    void unknownRoutesAndMethodsAnswerProblems() {
        assertProblem(api.outsideContract().get("/api/nothing-here", api.platformAdmin()), "not-found");
        assertEquals(405, api.outsideContract().send("DELETE", "/api/tenants", api.platformAdmin(), null, null)
                .status());
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertProblem(ApiClient.Response response, String slug) {
        assertEquals("application/problem+json", response.contentType(), response.text());
        assertEquals("urn:strongroom:problem:" + slug, response.json().get("type").asText(), response.text());
        assertEquals(response.status(), response.json().get("status").asInt());
        assertNotNull(response.json().get("title"));
        assertNotNull(response.json().get("detail"));
    }
}
