package com.strongroom.bench;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.adapters.cosmos.CosmosDataKeyStore;
import com.strongroom.core.model.AssetId;
import com.strongroom.it.ApiClient;
import com.strongroom.it.TestStack;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The purge of a cancelled tenant through the local host (run with {@code scripts/benchmark purge [assets]}, at
 * {@code -Xmx256m}): a tenant of 10,000 small encrypted assets (each a DEK in the keyring, a blob and a document) is
 * cancelled with no grace period and no export, from the request to {@code purged}; against a baseline in the same
 * run that deletes the same blobs and documents of a twin tenant one by one with the plain SDK clients. Both count
 * assets per second; the purge also counts, inventories, destroys the KEK, signs and mails the certificate.
 */
public final class PurgeBenchmark {
    private PurgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        TestStack stack = TestStack.startOwn(Map.of(), List.of());
        try (CosmosClient cosmos = stack.emulators().newCosmosClient()) {
            ApiClient api = stack.api().outsideContract();
            CosmosDatabase db = cosmos.getDatabase("strongroom");
            BlobContainerClient blobs = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE"))
                    .buildClient().getBlobContainerClient("assets");
            AssetSeeder seeder = new AssetSeeder(db, blobs, Path.of(stack.values().get("LOCAL_KEYS_DIR")));

            String ours = api.createTenant("purge-bench-" + UUID.randomUUID().toString().substring(0, 6));
            String twin = api.createTenant("purge-base-" + UUID.randomUUID().toString().substring(0, 6));
            long seedStart = System.nanoTime();
            seeder.seed(ours, total, 0, "nobody");
            List<AssetId> twinAssets = seeder.seed(twin, total, total, "nobody");
            System.out.printf(Locale.ROOT, "seeded 2 x %d assets in %.0f s; heap used %d MiB%n", total,
                    (System.nanoTime() - seedStart) / 1e9, heapMiB());

            double baseline = baseline(db.getContainer(CosmosAssetStore.CONTAINER),
                    db.getContainer(CosmosDataKeyStore.CONTAINER), blobs, twin, twinAssets);
            System.out.printf(Locale.ROOT, "baseline: %d assets' blob, document and DEK deleted one by one: %.1f"
                    + " assets/s%n", twinAssets.size(), baseline);

            String platform = api.platformAdmin();
            long start = System.nanoTime();
            ApiClient.Response requested = api.postJson("/api/tenants/" + ours + "/cancellation", platform,
                    "{\"graceDays\":0,\"exportFirst\":false,\"reference\":\"benchmark\"}");
            if (requested.status() != 202) {
                throw new IllegalStateException("cancellation answered " + requested.status() + " " + requested.text());
            }
            JsonNode purged = awaitPurged(api, ours, platform);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = total / seconds;
            System.out.printf(Locale.ROOT, "purge: %d assets purged in %.1f s from the request to purged: %.1f"
                    + " assets/s; deleted %s; heap used %d MiB (max %d MiB)%n", total, seconds, rate,
                    purged.get("deleted"), heapMiB(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "ratio purge / baseline: %.2f%n", rate / baseline);
        } finally {
            stack.close();
        }
        System.exit(0);
    }

    /** Deletes each asset's blob, then its document, then its DEK, one after the other, with the plain SDK. */
    private static double baseline(CosmosContainer documents, CosmosContainer keyring, BlobContainerClient blobs,
                                   String tenant, List<AssetId> assets) {
        long start = System.nanoTime();
        for (AssetId asset : assets) {
            blobs.getBlobClient(tenant + "/" + asset.value()).deleteIfExists();
            documents.deleteItem(asset.value(), new PartitionKey(tenant), new CosmosItemRequestOptions());
            keyring.deleteItem(asset.value(), new PartitionKey(tenant), new CosmosItemRequestOptions());
        }
        return assets.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static JsonNode awaitPurged(ApiClient api, String tenant, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode cancellation = api.get("/api/tenants/" + tenant + "/cancellation", token).json();
            if ("purged".equals(cancellation.path("state").asText())) {
                return cancellation;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the purge did not finish within 30 minutes");
    }

    private static long heapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
