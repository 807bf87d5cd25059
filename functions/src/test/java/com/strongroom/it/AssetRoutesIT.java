package com.strongroom.it;

import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.crypto.ContentFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The asset and upload routes through the local host against Azurite and the Cosmos stand-in: what reaches the
 * stores, every limit, and tampering done straight in the stores.
 */
class AssetRoutesIT {
    static final int S = ContentFormat.SEGMENT_BYTES;

    private static final TestStack stack = TestStack.shared();
    private static final ApiClient api = stack.api();
    private static CosmosClient cosmos;
    private static BlobContainerClient blobs;

    @BeforeAll
    static void start() {
        cosmos = stack.emulators().newCosmosClient();
        blobs = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE")).buildClient()
                .getBlobContainerClient("assets");
    }

    @AfterAll
    static void stop() {
        cosmos.close();
    }

    static String newTenant() {
        return api.createTenant("as-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static String as(String tenant, String role) {
        return api.token(role.toLowerCase() + "-of-" + tenant, Optional.of(tenant), role);
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static ApiClient.Response upload(String tenant, String token, String name, byte[] content, String... subjects) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("X-Asset-Content-Type", "application/pdf");
        if (name != null) {
            headers.put("X-Asset-Name", URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (subjects.length > 0) {
            List<String> encoded = new ArrayList<>();
            for (String s : subjects) {
                encoded.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            headers.put("X-Asset-Subjects", String.join(",", encoded));
        }
        return api.exchange("POST", "/api/tenants/" + tenant + "/assets", token, headers, content);
    }

    static String uploaded(String tenant, byte[] content, String... subjects) {
        ApiClient.Response r = upload(tenant, as(tenant, "Asset.Contributor"), "report.pdf", content, subjects);
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asText();
    }

    static ApiClient.Response download(String tenant, String asset, String token, String range) {
        Map<String, String> headers = range == null ? Map.of() : Map.of("Range", range);
        return api.exchange("GET", "/api/tenants/" + tenant + "/assets/" + asset + "/content", token, headers, null);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static CosmosContainer container(String name) {
        return cosmos.getDatabase("strongroom").getContainer(name);
    }

    static List<JsonNode> auditEvents(String tenant, String action) {
        ApiClient.Response r = api.get("/api/tenants/" + tenant + "/audit-events?action=" + action,
                as(tenant, "Tenant.Admin"));
        assertEquals(200, r.status(), r.text());
        List<JsonNode> events = new ArrayList<>();
        r.json().get("events").forEach(events::add);
        return events;
    }

    @Test
    void aOneRequestUploadIsStoredEncryptedAndReadBackWholeAndInRanges() throws Exception {
        String tenant = newTenant();
        byte[] content = random(3 * S + 1234, 1);
        ApiClient.Response created = upload(tenant, as(tenant, "Asset.Contributor"), "Quartalsbericht Ü 2026.pdf",
                content);
        assertEquals(201, created.status(), created.text());
        String id = created.json().get("id").asText();
        assertEquals("/api/tenants/" + tenant + "/assets/" + id, created.header("Location"));
        assertEquals(content.length, created.json().get("size").asLong());
        assertEquals(sha256(content), created.json().get("sha256").asText());
        assertEquals("Quartalsbericht Ü 2026.pdf", created.json().get("name").asText());

        byte[] stored = blobs.getBlobClient(tenant + "/" + id).downloadContent().toBytes();
        assertEquals(ContentFormat.storedLength(content.length), stored.length);
        assertFalse(contains(stored, java.util.Arrays.copyOfRange(content, 100, 132)), "plaintext reached the blob");

        String reader = as(tenant, "Asset.Reader");
        ApiClient.Response meta = api.get("/api/tenants/" + tenant + "/assets/" + id, reader);
        assertEquals(200, meta.status(), meta.text());
        assertEquals("application/pdf", meta.json().get("contentType").asText());
        assertTrue(meta.header("ETag").startsWith("\""));

        ApiClient.Response whole = download(tenant, id, reader, null);
        assertEquals(200, whole.status(), whole.text());
        assertArrayEquals(content, whole.bytes());
        assertEquals("application/pdf", whole.contentType());
        assertEquals("\"" + sha256(content) + "\"", whole.header("ETag"));
        assertEquals("bytes", whole.header("Accept-Ranges"));
        assertEquals("attachment; filename=\"Quartalsbericht _ 2026.pdf\"; "
                + "filename*=UTF-8''Quartalsbericht%20%C3%9C%202026.pdf", whole.header("Content-Disposition"));

        ApiClient.Response middle = download(tenant, id, reader, "bytes=" + (S - 10) + "-" + (2 * S + 9));
        assertEquals(206, middle.status(), middle.text());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, S - 10, 2 * S + 10), middle.bytes());
        assertEquals("bytes " + (S - 10) + "-" + (2 * S + 9) + "/" + content.length, middle.header("Content-Range"));

        ApiClient.Response suffix = download(tenant, id, reader, "bytes=-100");
        assertEquals(206, suffix.status());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, content.length - 100, content.length), suffix.bytes());

        ApiClient.Response open = download(tenant, id, reader, "bytes=" + (3 * S) + "-");
        assertEquals(206, open.status());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 3 * S, content.length), open.bytes());

        ApiClient.Response past = download(tenant, id, reader, "bytes=" + content.length + "-");
        assertEquals(416, past.status());
        assertProblem(past, "range-not-satisfiable");
        assertEquals("bytes */" + content.length, past.header("Content-Range"));
        for (String bad : List.of("bytes=5-1", "bytes=0-1,4-5", "items=0-1", "bytes=-")) {
            ApiClient.Response r = download(tenant, id, reader, bad);
            assertEquals(400, r.status(), bad);
            assertProblem(r, "invalid-request");
        }
    }

    @Test
    void anEmptyFileIsAnAssetToo() {
        String tenant = newTenant();
        String id = uploaded(tenant, new byte[0]);
        ApiClient.Response whole = download(tenant, id, as(tenant, "Asset.Reader"), null);
        assertEquals(200, whole.status(), whole.text());
        assertEquals(0, whole.bytes().length);
        assertEquals(416, download(tenant, id, as(tenant, "Asset.Reader"), "bytes=0-").status());
    }

    @Test
    void badNamesAndTypesAreRefusedAndStoreNothing() {
        String tenant = newTenant();
        String contributor = as(tenant, "Asset.Contributor");
        for (String name : List.of("../etc/passwd", "a/b.pdf", "a\\b.pdf", "bell\u0007.pdf", "evil\u202Efdp.exe", "..")) {
            ApiClient.Response r = upload(tenant, contributor, name, new byte[] {1, 2, 3});
            assertEquals(400, r.status(), name + ": " + r.text());
            assertProblem(r, "invalid-request");
        }
        assertEquals(400, upload(tenant, contributor, null, new byte[] {1}).status());
        ApiClient.Response badType = api.exchange("POST", "/api/tenants/" + tenant + "/assets", contributor,
                Map.of("Content-Type", "application/octet-stream", "X-Asset-Content-Type", "not a type",
                        "X-Asset-Name", "x.bin"), new byte[] {1});
        assertEquals(400, badType.status(), badType.text());
        assertEquals(0, list(tenant, "").size());
        assertFalse(blobs.listBlobsByHierarchy(tenant + "/").iterator().hasNext());
    }

    @Test
    void aBodyOverTheHostLimitIsRefusedBeforeItIsRead() throws Exception {
        String tenant = newTenant();
        URI base = stack.host().baseUri();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/tenants/" + tenant + "/assets HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + as(tenant, "Asset.Contributor") + "\r\n"
                    + "X-Asset-Name: big.bin\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + (100L * 1024 * 1024 + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", status.replace("Payload Too Large",
                    "Request Entity Too Large"));
        }
    }

    @Test
    void subjectsAreFoundThroughTheBlindIndexAndNeverStoredInClear() {
        String tenant = newTenant();
        String first = uploaded(tenant, random(100, 2), "Jane.Doe@Example.com", "person-4711");
        String second = uploaded(tenant, random(100, 3), "person-4711");
        uploaded(tenant, random(100, 4));

        assertEquals(List.of(first), list(tenant, "?subject=" + enc("  jane.doe@example.COM ")));
        assertEquals(List.of(first, second), list(tenant, "?subject=person-4711"));
        assertEquals(List.of(), list(tenant, "?subject=someone-else"));
        assertEquals(3, list(tenant, "").size());

        JsonNode doc = container("assets").readItem(first, new PartitionKey(tenant), JsonNode.class).getItem();
        assertFalse(doc.toString().toLowerCase().contains("jane"), doc.toString());
        // The whole identifier: its digits alone may turn up in any hex value or id.
        assertFalse(doc.toString().contains("person-4711"), doc.toString());
        assertEquals(2, doc.get("subjects").size());
        for (JsonNode event : auditEvents(tenant, "asset.list")) {
            assertFalse(event.toString().contains("person-4711"), event.toString());
        }

        ApiClient.Response other = api.get("/api/tenants/" + tenant + "/assets?subject=person-4711",
                api.token("reader", Optional.of(newTenant()), "Asset.Reader"));
        assertEquals(403, other.status());
    }

    @Test
    void listingPagesWithAContinuationToken() {
        String tenant = newTenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(uploaded(tenant, random(10, i)));
        }
        List<String> seen = new ArrayList<>();
        String query = "?pageSize=2";
        for (int pages = 0; pages < 10; pages++) {
            ApiClient.Response r = api.get("/api/tenants/" + tenant + "/assets" + query, as(tenant, "Asset.Reader"));
            assertEquals(200, r.status(), r.text());
            r.json().get("assets").forEach(a -> seen.add(a.get("id").asText()));
            if (!r.json().has("continuation")) {
                break;
            }
            query = "?pageSize=2&continuation=" + r.json().get("continuation").asText();
        }
        assertEquals(ids, seen);
        ApiClient.Response bad = api.get("/api/tenants/" + tenant + "/assets?continuation=bm90LWEtdG9rZW4", as(tenant, "Asset.Reader"));
        assertEquals(400, bad.status());
    }

    @Test
    void anotherTenantsAssetIsNotFoundEvenWithItsId() {
        String owner = newTenant();
        String stranger = newTenant();
        String id = uploaded(owner, random(100, 5));
        String strangerReader = as(stranger, "Archive.Manager");
        assertEquals(404, api.get("/api/tenants/" + stranger + "/assets/" + id, strangerReader).status());
        assertEquals(404, download(stranger, id, strangerReader, null).status());
        assertEquals(404, api.send("DELETE", "/api/tenants/" + stranger + "/assets/" + id, strangerReader, null, null)
                .status());
        assertEquals(403, api.get("/api/tenants/" + owner + "/assets/" + id, strangerReader).status());
        assertEquals(200, api.get("/api/tenants/" + owner + "/assets/" + id, as(owner, "Asset.Reader")).status());
    }

    @Test
    void patchChangesMetadataWithIfMatchAndOnlyArchiveManagersHold() {
        String tenant = newTenant();
        String id = uploaded(tenant, random(100, 6));
        String path = "/api/tenants/" + tenant + "/assets/" + id;
        String contributor = as(tenant, "Asset.Contributor");
        String etag = api.get(path, contributor).header("ETag");

        ApiClient.Response patched = patch(path, contributor, etag,
                "{\"name\":\"renamed.pdf\",\"metadata\":{\"project\":\"apollo\"},\"subjects\":[\"p-1\"]}");
        assertEquals(200, patched.status(), patched.text());
        assertEquals("renamed.pdf", patched.json().get("name").asText());
        assertEquals("apollo", patched.json().get("metadata").get("project").asText());
        assertEquals(1, patched.json().get("subjectCount").asInt());
        assertNotEquals(etag, patched.header("ETag"));
        assertEquals(List.of(id), list(tenant, "?subject=p-1"));

        ApiClient.Response stale = patch(path, contributor, etag, "{\"name\":\"again.pdf\"}");
        assertEquals(412, stale.status(), stale.text());
        assertProblem(stale, "precondition-failed");

        ApiClient.Response notAllowed = patch(path, contributor, null, "{\"legalHold\":{\"reason\":\"litigation\"}}");
        assertEquals(403, notAllowed.status());
        for (String bad : List.of("{}", "{\"name\":\"a/b\"}", "{\"size\":1}", "{\"legalHold\":{\"reason\":\"\"}}",
                "{\"metadata\":{\"bad key\":\"x\"}}", "[]")) {
            ApiClient.Response r = patch(path, as(tenant, "Archive.Manager"), null, bad);
            assertEquals(400, r.status(), bad + ": " + r.text());
        }

        String manager = as(tenant, "Archive.Manager");
        ApiClient.Response held = patch(path, manager, null, "{\"legalHold\":{\"reason\":\"litigation 2026-17\"}}");
        assertEquals(200, held.status(), held.text());
        assertEquals("litigation 2026-17", held.json().get("legalHold").get("reason").asText());
        ApiClient.Response refused = api.send("DELETE", path, manager, null, null);
        assertEquals(409, refused.status());
        assertProblem(refused, "conflict");
        assertEquals(200, api.get(path, contributor).status());

        ApiClient.Response released = patch(path, manager, null, "{\"legalHold\":null}");
        assertEquals(200, released.status(), released.text());
        assertNull(released.json().get("legalHold"));
        assertEquals(2, auditEvents(tenant, "asset.legal-hold").stream()
                .filter(e -> e.get("outcome").asText().equals("SUCCESS")).count());
    }

    @Test
    void deleteShredsTheKeyThenTheBlobThenTheMetadata() {
        String tenant = newTenant();
        String id = uploaded(tenant, random(5000, 7));
        String path = "/api/tenants/" + tenant + "/assets/" + id;
        assertEquals(403, api.send("DELETE", path, as(tenant, "Asset.Contributor"), null, null).status());
        assertEquals(403, api.send("DELETE", path, as(tenant, "Tenant.Admin"), null, null).status());
        assertTrue(container("keyring").readAllItems(new PartitionKey(tenant), JsonNode.class).stream()
                .anyMatch(k -> k.get("id").asText().equals(id)));

        assertEquals(204, api.send("DELETE", path, as(tenant, "Archive.Manager"), null, null).status());
        assertFalse(container("keyring").readAllItems(new PartitionKey(tenant), JsonNode.class).stream()
                .anyMatch(k -> k.get("id").asText().equals(id)));
        assertFalse(blobs.getBlobClient(tenant + "/" + id).exists());
        assertEquals(404, api.get(path, as(tenant, "Asset.Reader")).status());
        assertEquals(404, api.send("DELETE", path, as(tenant, "Archive.Manager"), null, null).status());
        List<JsonNode> deletes = auditEvents(tenant, "asset.delete");
        assertTrue(deletes.stream().anyMatch(e -> e.get("outcome").asText().equals("SUCCESS")
                && e.get("actor").asText().equals(api.actor("archive.manager-of-" + tenant, Optional.of(tenant)))
                && e.get("target").asText().equals("tenants/" + tenant + "/assets/" + id)), deletes.toString());
    }

    @Test
    void aDeleteInterruptedAfterShreddingIsInvisibleAndFinishedByDeletingAgain() {
        String tenant = newTenant();
        String id = uploaded(tenant, random(5000, 8));
        CosmosContainer assets = container("assets");
        ObjectNode doc = (ObjectNode) assets.readItem(id, new PartitionKey(tenant), JsonNode.class).getItem();
        doc.put("state", "DELETING");
        assets.upsertItem(doc, new PartitionKey(tenant), new CosmosItemRequestOptions());
        container("keyring").deleteItem(id, new PartitionKey(tenant), new CosmosItemRequestOptions());

        String path = "/api/tenants/" + tenant + "/assets/" + id;
        assertEquals(404, api.get(path, as(tenant, "Asset.Reader")).status());
        assertEquals(404, download(tenant, id, as(tenant, "Asset.Reader"), null).status());
        assertEquals(List.of(), list(tenant, ""));
        assertEquals(204, api.send("DELETE", path, as(tenant, "Archive.Manager"), null, null).status());
        assertFalse(blobs.getBlobClient(tenant + "/" + id).exists());
    }

    @Test
    void everyUploadReadDownloadAndDeleteIsAudited() {
        String tenant = newTenant();
        String id = uploaded(tenant, random(10, 9));
        api.get("/api/tenants/" + tenant + "/assets/" + id, as(tenant, "Asset.Reader"));
        download(tenant, id, as(tenant, "Asset.Reader"), null);
        api.get("/api/tenants/" + tenant + "/assets/" + UUID.randomUUID(), as(tenant, "Asset.Reader"));
        api.send("DELETE", "/api/tenants/" + tenant + "/assets/" + id, as(tenant, "Archive.Manager"), null, null);
        String target = "tenants/" + tenant + "/assets/" + id;
        assertOneEvent(tenant, "asset.upload", "SUCCESS", target, "Asset.Contributor");
        assertOneEvent(tenant, "asset.read", "SUCCESS", target, "Asset.Reader");
        assertOneEvent(tenant, "asset.download", "SUCCESS", target + "/content", "Asset.Reader");
        assertOneEvent(tenant, "asset.delete", "SUCCESS", target, "Archive.Manager");
        assertTrue(auditEvents(tenant, "asset.read").stream().anyMatch(e -> e.get("outcome").asText().equals("FAILED")));
    }

    @Test
    void rotatingTheKekAndTheTdkKeepsEveryAssetReadableAndFindable() {
        String tenant = newTenant();
        byte[] content = random(2 * S + 3, 10);
        String id = uploaded(tenant, content, "subject-r");
        for (String scope : List.of("kek", "tdk", "tdk")) {
            ApiClient.Response r = api.postJson("/api/tenants/" + tenant + "/key-rotations", as(tenant, "Tenant.Admin"),
                    "{\"scope\":\"" + scope + "\"}");
            assertEquals(200, r.status(), r.text());
        }
        JsonNode key = container("keyring").readItem(id, new PartitionKey(tenant), JsonNode.class).getItem();
        assertEquals(3, key.get("tdkVersion").asInt());
        assertArrayEquals(content, download(tenant, id, as(tenant, "Asset.Reader"), null).bytes());
        assertEquals(List.of(id), list(tenant, "?subject=subject-r"));
        ApiClient.Response bad = api.postJson("/api/tenants/" + tenant + "/key-rotations", as(tenant, "Tenant.Admin"),
                "{\"scope\":\"everything\"}");
        assertEquals(400, bad.status());
    }

    private static void assertOneEvent(String tenant, String action, String outcome, String target, String role) {
        List<JsonNode> events = auditEvents(tenant, action).stream()
                .filter(e -> e.get("outcome").asText().equals(outcome) && e.get("target").asText().equals(target))
                .toList();
        assertEquals(1, events.size(), action + " " + auditEvents(tenant, action));
        assertEquals(role, events.get(0).get("role").asText());
    }

    static ApiClient.Response patch(String path, String token, String ifMatch, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/merge-patch+json");
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return api.exchange("PATCH", path, token, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> list(String tenant, String query) {
        ApiClient.Response r = api.get("/api/tenants/" + tenant + "/assets" + query, as(tenant, "Asset.Reader"));
        assertEquals(200, r.status(), r.text());
        List<String> ids = new ArrayList<>();
        r.json().get("assets").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
