package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.strongroom.testing.SignedByStamp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Cancellation end to end through the local host, its queue runner and timers' use cases, Cosmos DB and Azurite: an
 * export first, the grace period, the purge, the 410 after it, the certificate, and a scan of every container,
 * partition and blob prefix of the stamp for anything of the tenant that the certificate does not say is retained.
 */
class CancellationRoutesIT {
    /** What a purge keeps, by Cosmos DB container: the audit trail, the tombstone, the cancellation record. */
    private static final Set<String> RETAINED_CONTAINERS = Set.of("audit-trail", "audit");
    /** Blob containers whose content is retained evidence (write-once in Azure). */
    private static final Set<String> RETAINED_BLOB_CONTAINERS = Set.of("audit-checkpoints", "erasure-ledger");

    private static ApiClient api;
    private static CosmosClient cosmos;
    private static BlobServiceClient blobs;

    @BeforeAll
    static void setUp() {
        TestStack stack = TestStack.shared();
        api = stack.api();
        cosmos = stack.emulators().newCosmosClient();
        blobs = new BlobServiceClientBuilder().connectionString(stack.emulators().storageConnectionString())
                .buildClient();
    }

    @AfterAll
    static void tearDown() {
        cosmos.close();
    }

    private static String newTenant() {
        return api.createTenant("cancel-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String cancellation(String tenant) {
        return "/api/tenants/" + tenant + "/cancellation";
    }

    private static ApiClient.Response upload(String tenant, String token, String name, int size) {
        return api.exchange("POST", "/api/tenants/" + tenant + "/assets", token,
                Map.of("Content-Type", "application/octet-stream", "X-Asset-Name", name), new byte[size]);
    }

    /** Gives the tenant something of every kind: assets, an unfinished upload, a grant, contacts, an erasure request. */
    private static void populate(String tenant) {
        String contributor = api.token("contributor", Optional.of(tenant), "Asset.Contributor");
        String admin = api.token("admin", Optional.of(tenant), "Tenant.Admin");
        String manager = api.token("manager", Optional.of(tenant), "Archive.Manager");
        for (int i = 0; i < 3; i++) {
            assertEquals(201, upload(tenant, contributor, "file-" + i + ".bin", 1000 + i).status());
        }
        ApiClient.Response session = api.postJson("/api/tenants/" + tenant + "/uploads", contributor,
                "{\"name\":\"unfinished.bin\",\"size\":10}");
        assertEquals(201, session.status(), session.text());
        ApiClient.Response part = api.exchange("PUT", "/api/tenants/" + tenant + "/uploads/"
                        + session.json().get("id").asText() + "/parts/1", contributor,
                Map.of("Content-Type", "application/octet-stream"), new byte[10]);
        assertTrue(part.status() < 300, part.text());
        assertEquals(201, api.postJson("/api/tenants/" + tenant + "/consent-grants", admin, "{\"grantee\":\""
                + api.objectId("engineer", Optional.empty()) + "\",\"scope\":\"tenant\",\"permissions\":"
                + "[\"metadata:read\"],\"purpose\":\"cancellation test\",\"ticket\":\"C-1\",\"expiresAt\":\"default\"}")
                .status());
        assertEquals(200, api.send("PUT", "/api/tenants/" + tenant + "/contacts", admin, "application/json",
                "{\"admins\":[\"it@" + tenant + ".example\"]}").status());
        ApiClient.Response erasure = api.postJson("/api/tenants/" + tenant + "/erasure-requests", manager,
                "{\"subjects\":[\"someone@example.com\"],\"reason\":\"test\",\"receivedAt\":\""
                        + java.time.Instant.now().minusSeconds(60) + "\"}");
        assertTrue(erasure.status() < 300, erasure.text());
    }

    private static JsonNode awaitPurged(String tenant) throws InterruptedException {
        String platform = api.platformAdmin();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode current = null;
        while (System.nanoTime() < deadline) {
            current = api.get(cancellation(tenant), platform).json();
            if ("purged".equals(current.path("state").asText())) {
                return current;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the cancellation never finished: " + current);
    }

    @Test
    void aCancelledTenantIsExportedThenPurgedAndProvablyNothingOfItIsLeft() throws Exception {
        String tenant = newTenant();
        populate(tenant);
        String platform = api.platformAdmin();
        String admin = api.token("admin", Optional.of(tenant), "Tenant.Admin");
        String contributor = api.token("contributor", Optional.of(tenant), "Asset.Contributor");

        ApiClient.Response requested = api.postJson(cancellation(tenant), platform,
                "{\"graceDays\":0,\"reference\":\"customer request 17\"}");
        assertEquals(202, requested.status(), requested.text());
        assertEquals(cancellation(tenant), requested.header("Location"));
        assertEquals("exporting", requested.json().get("state").asText());
        ApiClient.Response refused = upload(tenant, contributor, "late.bin", 10);
        assertEquals(410, refused.status(), refused.text());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(200, api.get(cancellation(tenant), admin).status(), "the tenant's admins see every date");

        JsonNode purged = awaitPurged(tenant);

        assertEquals(List.of(), leftovers(tenant), "items of the purged tenant the certificate does not retain");

        JsonNode dates = purged.get("dates");
        for (String state : List.of("requested", "exporting", "grace", "purging", "purged")) {
            assertTrue(dates.has(state), state + " in " + purged);
        }
        assertEquals(3, purged.get("deleted").get("asset-documents").asInt(), purged.toString());
        Map<String, String> readers = Map.of("/assets", contributor, "/exports", admin, "/consent-grants", admin,
                "/audit-events", admin, "", platform);
        for (String route : readers.keySet()) {
            ApiClient.Response gone = api.get("/api/tenants/" + tenant + route, readers.get(route));
            assertEquals(410, gone.status(), route + ": " + gone.text());
            assertEquals("application/problem+json", gone.contentType());
        }
        ApiClient.Response reused = api.postJson("/api/tenants", platform, "{\"id\":\"" + tenant
                + "\",\"displayName\":\"Again\"}");
        assertEquals(409, reused.status(), "a purged tenant's id is never given again: " + reused.text());

        ApiClient.Response certificate = api.get(cancellation(tenant) + "/certificate", platform);
        assertEquals(200, certificate.status(), certificate.text());
        assertEquals("application/jose", certificate.contentType());
        JWSObject jws = SignedByStamp.verified(certificate.text(), api.get("/api/signing-keys", null).text(),
                "the deletion certificate");
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertEquals(tenant, claims.get("tenantId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> deleted = (Map<String, Object>) claims.get("deleted");
        assertEquals(3L, ((Number) deleted.get("asset-documents")).longValue());
        assertEquals(3L, ((Number) deleted.get("asset-content-blobs")).longValue());
        assertTrue(((Number) deleted.get("export-blobs")).longValue() >= 1, deleted.toString());
        assertTrue(((Number) deleted.get("consent-grants")).longValue() >= 1, deleted.toString());
        assertTrue(((Number) deleted.get("upload-sessions")).longValue() >= 1, deleted.toString());
        assertTrue(((Number) deleted.get("erasure-requests")).longValue() >= 1, deleted.toString());
        assertTrue(claims.containsKey("irrecoverableAfter"));
        assertFalse(Files.exists(Path.of(TestStack.shared().values().get("LOCAL_KEYS_DIR"), "kek",
                "tenant-" + tenant)), "the tenant's KEK is destroyed");
        List<MimeMessage> emails = NoticeRoutesIT.emailsTo(tenant);
        assertTrue(emails.stream().anyMatch(m -> subject(m).contains("was deleted") && body(m).contains(
                certificate.text())), "the admins were sent the certificate");
    }

    /**
     * Everything of the tenant anywhere in the stamp but what the certificate says is retained: every document of
     * every Cosmos DB container (each read across all its partitions) that names the tenant, and every blob, version,
     * snapshot and uncommitted blob of every blob container whose name does.
     */
    private static List<String> leftovers(String tenant) {
        List<String> found = new ArrayList<>();
        for (String database : List.of("strongroom", "strongroom-directory")) {
            cosmos.getDatabase(database).readAllContainers().forEach(properties -> {
                String name = properties.getId();
                CosmosContainer container = cosmos.getDatabase(database).getContainer(name);
                container.queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), JsonNode.class)
                        .forEach(doc -> {
                            if (!doc.toString().contains(tenant) || RETAINED_CONTAINERS.contains(name)) {
                                return;
                            }
                            if (name.equals("tenants") && doc.get("id").asText().equals(tenant)) {
                                assertEquals("", doc.get("displayName").asText(), "the tombstone keeps no name");
                                assertEquals("DELETED", doc.get("status").asText());
                                assertEquals("", doc.get("keys").get("wrappedTdk").asText(), "nor a key");
                                return;
                            }
                            if (name.equals("jobs") && doc.get("id").asText().equals("cancellation")) {
                                return;
                            }
                            if (name.equals("directory") && doc.path("tenantId").asText().equals(tenant)) {
                                return;
                            }
                            found.add(database + "/" + name + ": " + doc);
                        });
            });
        }
        ListBlobsOptions everything = new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveVersions(true)
                .setRetrieveSnapshots(true).setRetrieveUncommittedBlobs(true).setRetrieveDeletedBlobs(true));
        blobs.listBlobContainers().forEach(container -> {
            if (RETAINED_BLOB_CONTAINERS.contains(container.getName())) {
                return;
            }
            for (BlobItem blob : blobs.getBlobContainerClient(container.getName()).listBlobs(everything, null)) {
                if (blob.getName().contains(tenant)) {
                    found.add(container.getName() + "/" + blob.getName());
                }
            }
        });
        return found;
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        String tenant = newTenant();
        String platform = api.platformAdmin();
        String admin = api.token("admin", Optional.of(tenant), "Tenant.Admin");

        assertProblem(api.postJson(cancellation(tenant), platform, "{\"graceDays\":91}"), 400);
        assertProblem(api.postJson(cancellation(tenant), platform, "{\"graceDays\":0}"), 400);
        assertProblem(api.postJson(cancellation(tenant), platform, "{\"graceDays\":\"soon\"}"), 400);
        assertProblem(api.postJson(cancellation(tenant), platform, "{\"graceDays\":5,\"extra\":1}"), 400);
        assertProblem(api.postJson(cancellation(tenant), admin, "{}"), 403);
        assertProblem(api.get(cancellation(tenant), platform), 404);
        assertProblem(api.send("DELETE", cancellation(tenant), platform, null, null), 404);
        assertEquals(201, upload(tenant, api.token("c", Optional.of(tenant), "Asset.Contributor"), "a.bin", 3)
                .status(), "the tenant is still served");

        ApiClient.Response requested = api.postJson(cancellation(tenant), platform, "{\"graceDays\":30,"
                + "\"exportFirst\":false}");
        assertEquals(202, requested.status(), requested.text());
        assertEquals("grace", requested.json().get("state").asText());
        assertTrue(requested.json().has("purgeAt"));
        assertProblem(api.postJson(cancellation(tenant), platform, "{}"), 409);
        assertProblem(api.postJson("/api/tenants/" + tenant + "/exports", admin, "{}"), 410);
        assertProblem(api.send("DELETE", cancellation(tenant), admin, null, null), 403);
        assertProblem(api.get(cancellation(tenant) + "/certificate", platform), 409);

        ApiClient.Response revoked = api.send("DELETE", cancellation(tenant), platform, null, null);
        assertEquals(200, revoked.status(), revoked.text());
        assertEquals("revoked", revoked.json().get("state").asText());
        assertEquals(201, upload(tenant, api.token("c", Optional.of(tenant), "Asset.Contributor"), "b.bin", 3)
                .status(), "served again after the revocation");
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertEquals(status, response.status(), response.text());
        assertEquals("application/problem+json", response.contentType(), response.text());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString().replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
