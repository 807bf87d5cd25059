package com.strongroom.it;

import static com.strongroom.it.AssetRoutesIT.as;
import static com.strongroom.it.AssetRoutesIT.auditEvents;
import static com.strongroom.it.AssetRoutesIT.download;
import static com.strongroom.it.AssetRoutesIT.random;
import static com.strongroom.it.AssetRoutesIT.uploaded;
import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.azure.core.util.BinaryData;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.crypto.ContentFormat;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tampering done straight in Blob storage and the keyring: every case is detected, answered with a problem that
 * carries not one byte of plaintext, and recorded as a security event.
 */
class TamperIT {
    static final int S = ContentFormat.SEGMENT_BYTES;
    static final int STORED = ContentFormat.STORED_SEGMENT_BYTES;

    private static CosmosClient cosmos;
    private static BlobContainerClient blobs;

    @BeforeAll
    static void start() {
        TestStack stack = TestStack.shared();
        cosmos = stack.emulators().newCosmosClient();
        blobs = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE")).buildClient()
                .getBlobContainerClient("assets");
    }

    @AfterAll
    static void stop() {
        cosmos.close();
    }

    private static byte[] blob(String tenant, String id) {
        return blobs.getBlobClient(tenant + "/" + id).downloadContent().toBytes();
    }

    private static void overwrite(String tenant, String id, byte[] stored) {
        blobs.getBlobClient(tenant + "/" + id).upload(BinaryData.fromBytes(stored), true);
    }

    private static void tamperAndExpectRefusal(UnaryOperator<byte[]> tamper) {
        String tenant = AssetRoutesIT.newTenant();
        byte[] content = random(3 * S - 100, 21);
        String id = uploaded(tenant, content);
        overwrite(tenant, id, tamper.apply(blob(tenant, id)));
        assertRefused(tenant, id, content);
    }

    private static void assertRefused(String tenant, String id, byte[] content) {
        assertRefused(tenant, id, content, 0);
    }

    private static void assertRefused(String tenant, String id, byte[] content, long earlierReads) {
        ApiClient.Response r = download(tenant, id, as(tenant, "Asset.Reader"), null);
        assertEquals(500, r.status(), r.text());
        assertProblem(r, "integrity-failure");
        assertFalse(AssetRoutesIT.contains(r.bytes(), Arrays.copyOfRange(content, 0, 16)), "plaintext was released");
        List<JsonNode> incidents = auditEvents(tenant, "asset.content.tampered");
        assertEquals(1, incidents.size(), incidents.toString());
        assertEquals("FAILED", incidents.get(0).get("outcome").asText());
        assertEquals("tenants/" + tenant + "/assets/" + id + "/content", incidents.get(0).get("target").asText());
        assertEquals(earlierReads, auditEvents(tenant, "asset.download").stream()
                .filter(e -> e.get("outcome").asText().equals("SUCCESS")).count(), "a refused download was logged as read");
    }

    @Test
    void aFlippedBitIsRefusedWhileRangesOfIntactSegmentsStillRead() {
        String tenant = AssetRoutesIT.newTenant();
        byte[] content = random(3 * S - 100, 22);
        String id = uploaded(tenant, content);
        byte[] stored = blob(tenant, id);
        stored[STORED + 500] ^= 0x01;
        overwrite(tenant, id, stored);
        ApiClient.Response intact = download(tenant, id, as(tenant, "Asset.Reader"), "bytes=0-99");
        assertEquals(206, intact.status(), intact.text());
        assertArrayEquals(Arrays.copyOf(content, 100), intact.bytes());
        assertRefused(tenant, id, content, 1);
    }

    @Test
    void swappedSegmentsAreRefused() {
        tamperAndExpectRefusal(stored -> {
            byte[] swapped = stored.clone();
            System.arraycopy(stored, 0, swapped, STORED, STORED);
            System.arraycopy(stored, STORED, swapped, 0, STORED);
            return swapped;
        });
    }

    @Test
    void aTruncatedBlobIsRefused() {
        tamperAndExpectRefusal(stored -> Arrays.copyOf(stored, stored.length - 10));
    }

    @Test
    void aBlobCutAtASegmentBoundaryIsRefused() {
        tamperAndExpectRefusal(stored -> Arrays.copyOf(stored, 2 * STORED));
    }

    @Test
    void anExtendedBlobIsRefused() {
        tamperAndExpectRefusal(stored -> Arrays.copyOf(stored, stored.length + ContentFormat.OVERHEAD_BYTES + 1));
    }

    @Test
    void contentSwappedInFromAnotherAssetIsRefused() {
        String tenant = AssetRoutesIT.newTenant();
        byte[] content = random(3 * S - 100, 23);
        String victim = uploaded(tenant, content);
        String other = uploaded(tenant, random(3 * S - 100, 24));
        overwrite(tenant, victim, blob(tenant, other));
        assertRefused(tenant, victim, content);
    }

    @Test
    void theContentKeyOfAnotherAssetIsRefused() {
        String tenant = AssetRoutesIT.newTenant();
        byte[] content = random(1000, 25);
        String victim = uploaded(tenant, content);
        String other = uploaded(tenant, random(1000, 26));
        CosmosContainer keyring = cosmos.getDatabase("strongroom").getContainer("keyring");
        JsonNode otherKey = keyring.readItem(other, new PartitionKey(tenant), JsonNode.class).getItem();
        ObjectNode victimKey = (ObjectNode) keyring.readItem(victim, new PartitionKey(tenant), JsonNode.class).getItem();
        victimKey.put("sealedDek", otherKey.get("sealedDek").asText());
        keyring.upsertItem(victimKey, new PartitionKey(tenant), new CosmosItemRequestOptions());
        assertRefused(tenant, victim, content);
    }
}
