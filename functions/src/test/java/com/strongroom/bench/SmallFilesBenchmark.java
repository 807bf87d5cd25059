package com.strongroom.bench;

import com.azure.core.util.BinaryData;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.it.ApiClient;
import com.strongroom.it.TestStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Small files (run with {@code scripts/benchmark small [files] [clients]}): one-request uploads of 1 to 2 KB from 8
 * clients through the local host, against a baseline in the same run that writes the same bytes as blobs plus one
 * Cosmos DB document each with the plain SDK clients from as many threads. One uncounted warm-up round each; prints
 * both rates and their ratio. The store calls one upload makes are counted in {@code OneRequestUploadCallsTest}.
 */
public final class SmallFilesBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SmallFilesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        TestStack stack = TestStack.startOwn(Map.of(), List.of());
        try (CosmosClient cosmos = stack.emulators().newCosmosClient()) {
            ApiClient api = stack.api().outsideContract();
            String tenant = api.createTenant("small-" + UUID.randomUUID().toString().substring(0, 6));
            String token = api.token("small-up", Optional.of(tenant), "Asset.Contributor");
            BlobContainerClient blobs = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE"))
                    .buildClient().getBlobContainerClient("assets");
            CosmosContainer documents = cosmos.getDatabase("strongroom").getContainer("assets");
            List<byte[]> payloads = new ArrayList<>();
            Random random = new Random(1);
            for (int i = 0; i < files; i++) {
                byte[] b = new byte[1024 + random.nextInt(1025)];
                random.nextBytes(b);
                payloads.add(b);
            }
            String twin = "small-base-" + UUID.randomUUID().toString().substring(0, 6);
            Callable<Double> ours = () -> rate(clients, payloads, (i, b) -> {
                ApiClient.Response r = api.exchange("POST", "/api/tenants/" + tenant + "/assets", token,
                        Map.of("Content-Type", "application/octet-stream", "X-Asset-Name", "f" + i + ".bin"), b);
                if (r.status() != 201) {
                    throw new IllegalStateException(r.status() + " " + r.text());
                }
            });
            Callable<Double> baseline = () -> rate(clients, payloads, (i, b) -> {
                String id = UUID.randomUUID().toString();
                blobs.getBlobClient(twin + "/" + id).upload(BinaryData.fromBytes(b));
                ObjectNode doc = JSON.createObjectNode().put("id", id).put("tenantId", twin).put("name", "f" + i)
                        .put("size", b.length);
                documents.createItem(doc, new PartitionKey(twin), null);
            });
            ours.call();
            baseline.call();
            double base = baseline.call();
            double app = ours.call();
            System.out.printf(Locale.ROOT, "small files: %d uploads of 1-2 KB from %d clients: %.1f/s; baseline (blob "
                    + "plus one document each, plain SDK): %.1f/s; ratio %.2f%n", files, clients, app, base, app / base);
        } finally {
            stack.close();
        }
    }

    private interface Write {
        void apply(int index, byte[] payload) throws Exception;
    }

    private static double rate(int clients, List<byte[]> payloads, Write write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                write.apply(n, payloads.get(n));
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return payloads.size() / ((System.nanoTime() - start) / 1e9);
    }
}
