package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.specialized.AppendBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.cosmos.CosmosDataKeyStore;
import com.strongroom.adapters.cosmos.CosmosTenantStore;
import com.strongroom.adapters.keys.LocalKeyFileKeyring;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A point-in-time restore after an erasure brings the erased asset back, DEK and all, in every store but the
 * erasure ledger, which lives apart (its own write-once account in Azure). Here the emulators' whole data is
 * snapshotted before the erasure and put back after it, the ledger is left as it was, and the ledger's replay
 * erases the asset again: nothing of it can then be read with any key left in the stamp.
 */
class ErasureRestoreIT {
    static final String JANE = "jane.doe@example.com";

    @TempDir
    Path data;
    @TempDir
    Path snapshot;

    @Test
    void aRestoreBringsErasedDataBackAndTheLedgerReplayErasesItAgain() throws Exception {
        TestStack stack = TestStack.startOwnDurable(data);
        try {
            ApiClient api = stack.api();
            String tenant = api.createTenant("restore-" + UUID.randomUUID().toString().substring(0, 8));
            String manager = api.token("manager-1", Optional.of(tenant), "Archive.Manager");
            String passport = upload(api, tenant, manager, "passport.pdf", JANE);
            String kept = upload(api, tenant, manager, "kept.pdf", "john@example.com");
            stack.snapshotEmulators(snapshot);
            stack.awaitHealthy(Duration.ofMinutes(1));

            ApiClient.Response created = api.postJson("/api/tenants/" + tenant + "/erasure-requests", manager,
                    "{\"subjects\":[\"" + JANE + "\"],\"reason\":\"Art. 17\",\"receivedAt\":\"2026-11-01T00:00:00Z\"}");
            String erasure = created.json().get("id").asText();
            ApiClient.Response approved = api.postJson("/api/tenants/" + tenant + "/erasure-requests/" + erasure
                    + "/approve", api.token("manager-2", Optional.of(tenant), "Archive.Manager"), "");
            assertEquals(202, approved.status(), approved.text());
            api.awaitErasure(tenant, erasure, "completed");
            assertEquals(404, api.get(assetPath(tenant, passport), manager).status());
            Map<String, byte[]> ledger = ledgerBlobs(stack);
            assertFalse(ledger.isEmpty(), "the erasure is in the ledger");

            // Restore everything the emulators hold to before the erasure; the ledger's own account is not restored.
            stack.restoreEmulators(snapshot);
            putBack(stack, ledger);
            stack.awaitHealthy(Duration.ofMinutes(1));
            assertEquals(200, api.get(assetPath(tenant, passport) + "/content", manager).status(),
                    "the restore brought the erased asset back, readable");
            byte[] restoredCiphertext = blobs(stack).getBlobContainerClient("assets")
                    .getBlobClient(tenant + "/" + passport).downloadContent().toBytes();

            ApiClient.Response replay = api.postJson("/api/erasure-ledger/replay", api.platformAdmin(), "");
            assertEquals(200, replay.status(), replay.text());
            assertTrue(replay.json().get("erasedAgain").asLong() >= 1, replay.text());
            assertEquals(404, api.get(assetPath(tenant, passport), manager).status());
            assertEquals(404, api.get(assetPath(tenant, passport) + "/content", manager).status());
            assertFalse(blobs(stack).getBlobContainerClient("assets").getBlobClient(tenant + "/" + passport).exists());
            assertEquals(200, api.get(assetPath(tenant, kept), manager).status(), "nothing else is touched");
            assertUnreadableWithEveryKeyLeft(stack, tenant, passport, restoredCiphertext);
            ApiClient.Response again = api.postJson("/api/erasure-ledger/replay", api.platformAdmin(), "");
            assertEquals(0, again.json().get("erasedAgain").asLong(), "the replay is idempotent");
        } finally {
            stack.close();
        }
    }

    /** Every DEK left in the tenant's keyring, unsealed as the app would, fails to open the erased ciphertext. */
    private static void assertUnreadableWithEveryKeyLeft(TestStack stack, String tenant, String erased,
                                                         byte[] ciphertext) {
        try (CosmosClient cosmos = stack.emulators().newCosmosClient()) {
            CosmosDatabase db = cosmos.getDatabase("strongroom");
            Clock clock = Clock.systemUTC();
            CosmosTenantStore tenants = new CosmosTenantStore(() -> db.getContainer(CosmosTenantStore.CONTAINER));
            TenantKeyring keyring = new TenantKeyring(new LocalKeyFileKeyring(Path.of(stack.values()
                    .get("LOCAL_KEYS_DIR"))), new CosmosDataKeyStore(() -> db.getContainer(CosmosDataKeyStore.CONTAINER),
                    clock), tenants, clock, Duration.ofMinutes(1), 10);
            Tenant owner = tenants.find(TenantId.of(tenant)).orElseThrow();
            List<String> left = new ArrayList<>();
            db.getContainer(CosmosDataKeyStore.CONTAINER).queryItems("SELECT * FROM c WHERE c.tenantId = '" + tenant + "'",
                    new CosmosQueryRequestOptions()
                    .setPartitionKey(new PartitionKey(tenant)), JsonNode.class).forEach(d -> left.add(d.get("id").asText()));
            assertFalse(left.contains(erased), "the erased asset's DEK is gone again");
            assertFalse(left.isEmpty(), "the kept asset's key is left to try");
            long length = ciphertext.length - ContentFormat.OVERHEAD_BYTES;
            for (String asset : left) {
                byte[] dek = keyring.dataKey(owner, AssetId.of(asset));
                for (String boundTo : List.of(erased, asset)) {
                    assertThrows(TamperedException.class, () -> ContentFormat.decrypt(dek, boundTo, length, 0, length,
                            new ByteArrayInputStream(ciphertext), new ByteArrayOutputStream()));
                }
            }
        }
    }

    private static String upload(ApiClient api, String tenant, String token, String name, String subject) {
        ApiClient.Response r = ErasureRoutesIT.upload(api, tenant, token, name, subject);
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asText();
    }

    private static String assetPath(String tenant, String asset) {
        return "/api/tenants/" + tenant + "/assets/" + asset;
    }

    private static BlobServiceClient blobs(TestStack stack) {
        return new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE")).buildClient();
    }

    private static Map<String, byte[]> ledgerBlobs(TestStack stack) {
        BlobContainerClient ledger = blobs(stack).getBlobContainerClient("erasure-ledger");
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (BlobItem item : ledger.listBlobs()) {
            contents.put(item.getName(), ledger.getBlobClient(item.getName()).downloadContent().toBytes());
        }
        return contents;
    }

    /** Puts the ledger back as its own account kept it: the restore of the data did not reach it. */
    private static void putBack(TestStack stack, Map<String, byte[]> ledger) {
        BlobContainerClient container = blobs(stack).getBlobContainerClient("erasure-ledger");
        ledger.forEach((name, bytes) -> {
            AppendBlobClient blob = container.getBlobClient(name).getAppendBlobClient();
            blob.deleteIfExists();
            blob.create();
            blob.appendBlock(new ByteArrayInputStream(bytes), bytes.length);
            assertArrayEquals(bytes, container.getBlobClient(name).downloadContent().toBytes());
        });
    }
}
