package com.strongroom.bench;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.adapters.cosmos.CosmosDataKeyStore;
import com.strongroom.core.model.AssetId;
import com.strongroom.it.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
        try (TwinTenants tenants = TwinTenants.seeded("purge", total, total, "nobody")) {
            ApiClient api = tenants.api;
            String ours = tenants.ours;
            double baseline = baseline(tenants.db.getContainer(CosmosAssetStore.CONTAINER),
                    tenants.db.getContainer(CosmosDataKeyStore.CONTAINER), tenants.blobs, tenants.twin,
                    tenants.twinAssets);
            System.out.printf(Locale.ROOT, "baseline: %d assets' blob, document and DEK deleted one by one: %.1f"
                    + " assets/s%n", tenants.twinAssets.size(), baseline);

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
                    purged.get("deleted"), TwinTenants.heapMiB(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "ratio purge / baseline: %.2f%n", rate / baseline);
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

}
