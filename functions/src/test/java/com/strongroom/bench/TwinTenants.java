package com.strongroom.bench;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.strongroom.core.model.AssetId;
import com.strongroom.it.ApiClient;
import com.strongroom.it.TestStack;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A stack of the benchmark's own with two tenants seeded alike ({@link AssetSeeder}): one for the app to work on
 * through the local host, the twin for the baseline that does the same with the plain SDK clients.
 */
final class TwinTenants implements AutoCloseable {
    final TestStack stack;
    final CosmosClient cosmos;
    final ApiClient api;
    final CosmosDatabase db;
    final BlobContainerClient blobs;
    final String ours;
    final String twin;
    /** The twin's assets that concern the subject. */
    final List<AssetId> twinAssets;

    private TwinTenants(TestStack stack, String name, int total, int tagged, String subject) throws Exception {
        this.stack = stack;
        this.cosmos = stack.emulators().newCosmosClient();
        this.api = stack.api().outsideContract();
        this.db = cosmos.getDatabase("strongroom");
        this.blobs = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE")).buildClient()
                .getBlobContainerClient("assets");
        AssetSeeder seeder = new AssetSeeder(db, blobs, Path.of(stack.values().get("LOCAL_KEYS_DIR")));
        this.ours = api.createTenant(name + "-bench-" + UUID.randomUUID().toString().substring(0, 6));
        this.twin = api.createTenant(name + "-base-" + UUID.randomUUID().toString().substring(0, 6));
        long start = System.nanoTime();
        seeder.seed(ours, total, tagged, subject);
        this.twinAssets = seeder.seed(twin, total, tagged, subject);
        System.out.printf(Locale.ROOT, "seeded 2 x %d assets (%d tagged each) in %.0f s; heap used %d MiB%n", total,
                tagged, (System.nanoTime() - start) / 1e9, heapMiB());
    }

    /** Starts a stack and seeds {@code total} assets on each tenant, the first {@code tagged} about {@code subject}. */
    static TwinTenants seeded(String name, int total, int tagged, String subject) throws Exception {
        TestStack stack = TestStack.startOwn(Map.of(), List.of());
        try {
            return new TwinTenants(stack, name, total, tagged, subject);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    static long heapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    @Override
    public void close() {
        cosmos.close();
        stack.close();
    }
}
