package com.strongroom.it;

import static com.strongroom.it.AssetRoutesIT.as;
import static com.strongroom.it.AssetRoutesIT.download;
import static com.strongroom.it.AssetRoutesIT.random;
import static com.strongroom.it.AssetRoutesIT.sha256;
import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.crypto.ContentFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resumable uploads through the local host: parts in any order and retried, and every way a session can fail. */
class UploadRoutesIT {
    static final int S = ContentFormat.SEGMENT_BYTES;

    private static ApiClient api;
    private static CosmosClient cosmos;
    private static BlobContainerClient blobs;

    @BeforeAll
    static void start() {
        TestStack stack = TestStack.shared();
        api = stack.api();
        cosmos = stack.emulators().newCosmosClient();
        blobs = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE")).buildClient()
                .getBlobContainerClient("assets");
    }

    @AfterAll
    static void stop() {
        cosmos.close();
    }

    static ApiClient.Response start(String tenant, String token, String json) {
        return api.postJson("/api/tenants/" + tenant + "/uploads", token, json);
    }

    static ApiClient.Response part(String tenant, String token, String upload, int n, byte[] bytes) {
        return api.exchange("PUT", "/api/tenants/" + tenant + "/uploads/" + upload + "/parts/" + n, token,
                Map.of("Content-Type", "application/octet-stream"), bytes);
    }

    static ApiClient.Response complete(String tenant, String token, String upload) {
        return api.send("POST", "/api/tenants/" + tenant + "/uploads/" + upload + "/complete", token, null, null);
    }

    @Test
    void partsInAnyOrderAndRetriedBecomeOneAssetOnlyOnComplete() throws Exception {
        String tenant = AssetRoutesIT.newTenant();
        String contributor = as(tenant, "Asset.Contributor");
        byte[] content = random(5 * S + 777, 11);
        ApiClient.Response session = start(tenant, contributor, "{\"name\":\"film.mov\",\"contentType\":\"video/quicktime\","
                + "\"size\":" + content.length + ",\"partSize\":" + (2 * S) + ",\"sha256\":\"" + sha256(content) + "\","
                + "\"subjects\":[\"actor-1\"],\"metadata\":{\"project\":\"x\"}}");
        assertEquals(201, session.status(), session.text());
        String id = session.json().get("id").asText();
        assertEquals(3, session.json().get("partCount").asInt());
        assertEquals("/api/tenants/" + tenant + "/uploads/" + id, session.header("Location"));

        assertEquals(200, part(tenant, contributor, id, 3, Arrays.copyOfRange(content, 4 * S, content.length)).status());
        assertEquals(200, part(tenant, contributor, id, 1, Arrays.copyOfRange(content, 0, 2 * S)).status());
        assertEquals(404, api.get("/api/tenants/" + tenant + "/assets/" + id, as(tenant, "Asset.Reader")).status(),
                "nothing is visible before completion");
        ApiClient.Response early = complete(tenant, contributor, id);
        assertEquals(409, early.status(), early.text());
        assertTrue(early.json().get("detail").asText().contains("missing parts 2"), early.text());

        byte[] second = Arrays.copyOfRange(content, 2 * S, 4 * S);
        assertEquals(200, part(tenant, contributor, id, 2, second).status());
        assertEquals(200, part(tenant, contributor, id, 2, second).status(), "a retried part replaces itself");

        ApiClient.Response done = complete(tenant, contributor, id);
        assertEquals(201, done.status(), done.text());
        assertEquals(id, done.json().get("id").asText());
        assertEquals("x", done.json().get("metadata").get("project").asText());
        ApiClient.Response again = complete(tenant, contributor, id);
        assertEquals(201, again.status(), "completing twice answers the same asset: " + again.text());

        ApiClient.Response whole = download(tenant, id, as(tenant, "Asset.Reader"), null);
        assertEquals(200, whole.status(), whole.text());
        assertArrayEquals(content, whole.bytes());
        assertEquals(List.of(id), AssetRoutesIT.list(tenant, "?subject=actor-1"));
        assertEquals(ContentFormat.storedLength(content.length), blobs.getBlobClient(tenant + "/" + id)
                .getProperties().getBlobSize());
        assertFalse(cosmos.getDatabase("strongroom").getContainer("uploads")
                .readAllItems(new PartitionKey(tenant), JsonNode.class).iterator().hasNext(), "session records remain");
        JsonNode key = cosmos.getDatabase("strongroom").getContainer("keyring")
                .readItem(id, new PartitionKey(tenant), JsonNode.class).getItem();
        assertFalse(key.has("ttl"), "the key of a completed upload must not expire");
    }

    @Test
    void aShaMismatchDiscardsEverythingAndNothingBecomesVisible() {
        String tenant = AssetRoutesIT.newTenant();
        String contributor = as(tenant, "Asset.Contributor");
        byte[] content = random(S + 5, 12);
        String id = start(tenant, contributor, "{\"name\":\"a.bin\",\"size\":" + content.length + ",\"partSize\":" + S
                + ",\"sha256\":\"" + "0".repeat(64) + "\"}").json().get("id").asText();
        assertEquals(200, part(tenant, contributor, id, 1, Arrays.copyOfRange(content, 0, S)).status());
        assertEquals(200, part(tenant, contributor, id, 2, Arrays.copyOfRange(content, S, content.length)).status());
        ApiClient.Response mismatch = complete(tenant, contributor, id);
        assertEquals(409, mismatch.status(), mismatch.text());
        assertProblem(mismatch, "conflict");
        assertEquals(404, api.get("/api/tenants/" + tenant + "/assets/" + id, as(tenant, "Asset.Reader")).status());
        assertFalse(blobs.getBlobClient(tenant + "/" + id).exists());
        assertEquals(404, complete(tenant, contributor, id).status(), "the session is gone");
        assertFalse(cosmos.getDatabase("strongroom").getContainer("keyring")
                .readAllItems(new PartitionKey(tenant), JsonNode.class).iterator().hasNext(), "the key is gone");
    }

    @Test
    void badSessionsAndPartsAreRefusedWithClearProblems() {
        String tenant = AssetRoutesIT.newTenant();
        String contributor = as(tenant, "Asset.Contributor");
        for (String bad : List.of("{\"name\":\"a.bin\",\"size\":100,\"partSize\":1000}",
                "{\"name\":\"a.bin\",\"size\":-1}", "{\"name\":\"a/b\",\"size\":1}", "{\"size\":1}",
                "{\"name\":\"a.bin\"}", "{\"name\":\"a.bin\",\"size\":1,\"sha256\":\"xyz\"}",
                "{\"name\":\"a.bin\",\"size\":1,\"colour\":\"red\"}",
                "{\"name\":\"a.bin\",\"size\":107374182400,\"partSize\":65536}")) {
            ApiClient.Response r = start(tenant, contributor, bad);
            assertEquals(400, r.status(), bad + ": " + r.text());
            assertProblem(r, "invalid-request");
        }
        String id = start(tenant, contributor, "{\"name\":\"a.bin\",\"size\":" + (3 * S) + ",\"partSize\":" + (2 * S) + "}")
                .json().get("id").asText();
        ApiClient.Response shortPart = part(tenant, contributor, id, 1, new byte[S + 1]);
        assertEquals(400, shortPart.status(), shortPart.text());
        assertTrue(shortPart.json().get("detail").asText().contains("multiple of 65536"), shortPart.text());
        assertEquals(400, part(tenant, contributor, id, 2, new byte[2 * S]).status(), "the last part is shorter");
        assertEquals(400, part(tenant, contributor, id, 3, new byte[1]).status(), "no part 3");
        assertEquals(400, part(tenant, contributor, id, 0, new byte[1]).status());
        assertEquals(400, api.exchange("PUT", "/api/tenants/" + tenant + "/uploads/" + id + "/parts/one", contributor,
                Map.of("Content-Type", "application/octet-stream"), new byte[1]).status());

        String unknown = UUID.randomUUID().toString();
        assertProblem(part(tenant, contributor, unknown, 1, new byte[S]), "not-found");
        assertProblem(complete(tenant, contributor, unknown), "not-found");
        assertProblem(part(tenant, contributor, "not-an-id", 1, new byte[S]), "not-found");
        ApiClient.Response someoneElse = part(tenant, api.token("other-contributor", Optional.of(tenant),
                "Asset.Contributor"), id, 1, new byte[2 * S]);
        assertEquals(404, someoneElse.status(), "another user's session is not found");
        assertTrue(AssetRoutesIT.auditEvents(tenant, "asset.upload").stream().anyMatch(e -> e.get("outcome").asText()
                .equals("FAILED") && e.get("target").asText().endsWith("/uploads/" + id + "/parts/1")),
                "and the attempt is in the trail");
        assertEquals(403, part(tenant, as(tenant, "Asset.Reader"), id, 1, new byte[2 * S]).status());
    }

    /** Whoever may not upload learns that first (403, audited), not what is wrong with the body they sent. */
    @Test
    void aCallerWhoMayNotUploadIsRefusedBeforeTheBodyIsJudged() {
        String tenant = AssetRoutesIT.newTenant();
        String reader = as(tenant, "Asset.Reader");
        // (A text/plain body never reaches the function: the worker cannot bind it as bytes; docs/platform.md.)
        assertProblem(api.exchange("POST", "/api/tenants/" + tenant + "/assets", reader,
                Map.of("Content-Type", "multipart/form-data; boundary=x"), "--x\r\nbroken".getBytes()), "forbidden");
        assertProblem(api.send("POST", "/api/tenants/" + tenant + "/uploads", reader, "application/json", "{not json"),
                "forbidden");
        assertProblem(api.send("POST", "/api/tenants/" + tenant + "/uploads", reader, "application/json",
                "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}"), "forbidden");
        assertProblem(api.exchange("PUT", "/api/tenants/" + tenant + "/uploads/" + UUID.randomUUID() + "/parts/1",
                reader, Map.of("Content-Type", "application/octet-stream"), new byte[StartUpload.MAX_PART_BYTES + 1]),
                "forbidden");
        assertEquals(4, AssetRoutesIT.auditEvents(tenant, "asset.upload").stream()
                .filter(e -> e.get("outcome").asText().equals("DENIED")).count());
    }
}
