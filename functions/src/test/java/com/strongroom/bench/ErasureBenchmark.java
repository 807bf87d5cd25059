package com.strongroom.bench;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.core.model.AssetId;
import com.strongroom.it.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An erasure at scale through the local host (run with {@code scripts/benchmark erasure [assets] [tagged]}, at
 * {@code -Xmx256m}): a tenant of 10,000 small encrypted assets, 2,000 of them tagged with one subject, erased by an
 * approved request, from approval to completion; against a baseline in the same run that deletes the same number of
 * blobs and documents one by one with the plain SDK clients, on a twin tenant. Assets are seeded straight through
 * the adapters (a DEK in the keyring, the ciphertext blob, the document), as uploads would leave them. Prints the
 * erase rates, their ratio, and the heap used after each phase.
 */
public final class ErasureBenchmark {
    static final String SUBJECT = "jane.doe@example.com";

    private ErasureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int tagged = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        try (TwinTenants tenants = TwinTenants.seeded("erase", total, tagged, SUBJECT)) {
            ApiClient api = tenants.api;
            String ours = tenants.ours;
            double baseline = baseline(tenants.db.getContainer(CosmosAssetStore.CONTAINER), tenants.blobs,
                    tenants.twin, tenants.twinAssets);
            System.out.printf(Locale.ROOT, "baseline: %d blobs and documents deleted one by one: %.1f assets/s%n",
                    tenants.twinAssets.size(), baseline);

            String manager = api.token("bench-1", Optional.of(ours), "Archive.Manager");
            ApiClient.Response created = api.postJson("/api/tenants/" + ours + "/erasure-requests", manager,
                    "{\"subjects\":[\"" + SUBJECT + "\"],\"reason\":\"benchmark\",\"receivedAt\":\"2026-11-30T00:00:00Z\"}");
            String erasure = created.json().get("id").asText();
            long start = System.nanoTime();
            ApiClient.Response approved = api.postJson("/api/tenants/" + ours + "/erasure-requests/" + erasure
                    + "/approve", api.token("bench-2", Optional.of(ours), "Archive.Manager"), "");
            if (approved.status() != 202) {
                throw new IllegalStateException("approve answered " + approved.status() + " " + approved.text());
            }
            JsonNode done = awaitCompleted(api, ours, erasure, manager);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = done.get("assets").size() / seconds;
            System.out.printf(Locale.ROOT, "erasure: %d assets erased in %.1f s from approval to completion: %.1f assets/s;"
                    + " heap used %d MiB (max %d MiB)%n", done.get("assets").size(), seconds, rate, TwinTenants.heapMiB(),
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "ratio erasure / baseline: %.2f%n", rate / baseline);
        }
        System.exit(0);
    }

    /** Deletes each asset's blob, then its document, one after the other, with the plain SDK clients. */
    private static double baseline(CosmosContainer documents, BlobContainerClient blobs, String tenant,
                                   List<AssetId> assets) {
        long blobNanos = 0;
        long documentNanos = 0;
        for (AssetId asset : assets) {
            long t0 = System.nanoTime();
            blobs.getBlobClient(tenant + "/" + asset.value()).deleteIfExists();
            long t1 = System.nanoTime();
            documents.deleteItem(asset.value(), new PartitionKey(tenant), new CosmosItemRequestOptions());
            blobNanos += t1 - t0;
            documentNanos += System.nanoTime() - t1;
        }
        System.out.printf(Locale.ROOT, "baseline per asset: blob delete %.1f ms, document delete %.1f ms%n",
                blobNanos / 1e6 / assets.size(), documentNanos / 1e6 / assets.size());
        return assets.size() / ((blobNanos + documentNanos) / 1e9);
    }

    private static JsonNode awaitCompleted(ApiClient api, String tenant, String erasure, String token)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Response r = api.get("/api/tenants/" + tenant + "/erasure-requests/" + erasure, token);
            String state = r.json().get("state").asText();
            if (state.equals("completed")) {
                return r.json();
            }
            if (state.equals("failed")) {
                throw new IllegalStateException("the erasure failed: " + r.text());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the erasure did not complete within 30 minutes");
    }

}
