package com.strongroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.it.ApiClient;
import com.strongroom.it.TestStack;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tenant export at scale through the local host and its queue runner (run with {@code scripts/benchmark export
 * [assets] [MiB]}, at {@code -Xmx256m}): 1,000 assets totalling 1 GiB, uploaded through the routes, then exported,
 * from the request to {@code ready}; against a baseline in the same run that downloads the same assets through the
 * asset routes, one client as the job is one worker (and four clients, for reference). Prints both rates, their
 * ratio, the package's download rate, and the heap in use, sampled through the run.
 */
public final class ExportBenchmark {
    private static final int MIB = 1024 * 1024;

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long totalMib = args.length > 1 ? Long.parseLong(args[1]) : 1_024;
        int size = (int) (totalMib * MIB / count);
        TestStack stack = TestStack.startOwn(Map.of(), List.of());
        HeapSampler heap = new HeapSampler();
        heap.start();
        try {
            ApiClient api = stack.api().outsideContract();
            String tenant = api.createTenant("export-bench-" + UUID.randomUUID().toString().substring(0, 6));
            String contributor = api.token("bench-up", Optional.of(tenant), "Asset.Contributor");
            String admin = api.token("bench-admin", Optional.of(tenant), "Tenant.Admin");
            String reader = api.token("bench-reader", Optional.of(tenant), "Asset.Reader");
            long seedStart = System.nanoTime();
            List<String> ids = upload(api, tenant, contributor, count, size);
            System.out.printf(Locale.ROOT, "uploaded %d assets of %d bytes (%d MiB) in %.0f s; heap in use at most %d "
                    + "MiB so far%n", count, size, (long) count * size / MIB, (System.nanoTime() - seedStart) / 1e9,
                    heap.peakMib());

            double oneClient = downloadAll(api, tenant, reader, ids, 1);
            double fourClients = downloadAll(api, tenant, reader, ids, 4);
            System.out.printf(Locale.ROOT, "baseline: the same assets downloaded through the asset routes: %.1f MiB/s "
                    + "with one client, %.1f MiB/s with four%n", oneClient, fourClients);

            heap.reset();
            long start = System.nanoTime();
            ApiClient.Response requested = api.postJson("/api/tenants/" + tenant + "/exports", admin, "");
            String id = requested.json().get("id").asText();
            JsonNode ready = awaitReady(api, tenant, admin, id);
            double seconds = (System.nanoTime() - start) / 1e9;
            long payload = ready.get("package").get("payloadBytes").asLong();
            long length = ready.get("package").get("length").asLong();
            double ours = payload / (double) MIB / seconds;
            System.out.printf(Locale.ROOT, "export: %d assets, package %d bytes, ready %.1f s after the request: "
                    + "%.1f MiB/s of payload; heap in use at most %d MiB of %d MiB%n", ready.get("package")
                    .get("assets").asInt(), length, seconds, ours, heap.peakMib(),
                    Runtime.getRuntime().maxMemory() / MIB);

            long downloadStart = System.nanoTime();
            long read = 0;
            for (long first = 0; first < length; first += 16L * MIB) {
                long last = Math.min(length, first + 16L * MIB) - 1;
                ApiClient.Response part = api.exchange("GET", "/api/tenants/" + tenant + "/exports/" + id
                        + "/content", admin, Map.of("Range", "bytes=" + first + "-" + last), null);
                if (part.status() != 206) {
                    throw new IllegalStateException("range " + first + ": " + part.status() + " " + part.text());
                }
                read += part.bytes().length;
            }
            System.out.printf(Locale.ROOT, "package download in 16 MiB ranges: %.1f MiB/s%n",
                    read / (double) MIB / ((System.nanoTime() - downloadStart) / 1e9));
            System.out.printf(Locale.ROOT, "ratio: %.2fx one client's downloads (%.2fx four clients'); heap in use "
                    + "at most %d MiB%n", ours / oneClient, ours / fourClients, heap.peakMib());
        } finally {
            heap.stopSampling();
            stack.close();
        }
    }

    private static List<String> upload(ApiClient api, String tenant, String token, int count, int size)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                byte[] content = new byte[size];
                new Random(n).nextBytes(content);
                ApiClient.Response r = api.exchange("POST", "/api/tenants/" + tenant + "/assets", token,
                        Map.of("Content-Type", "application/octet-stream", "X-Asset-Name", "file-" + n + ".bin"),
                        content);
                if (r.status() != 201) {
                    throw new IllegalStateException("upload " + n + ": " + r.status() + " " + r.text());
                }
                return r.json().get("id").asText();
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        return ids;
    }

    /** Downloads every asset whole with {@code clients} clients; MiB/s. */
    private static double downloadAll(ApiClient api, String tenant, String token, List<String> ids, int clients)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (String id : ids) {
            futures.add(pool.submit(() -> {
                ApiClient.Response r = api.get("/api/tenants/" + tenant + "/assets/" + id + "/content", token);
                if (r.status() != 200) {
                    throw new IllegalStateException("download " + id + ": " + r.status());
                }
                bytes.addAndGet(r.bytes().length);
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return bytes.get() / (double) MIB / ((System.nanoTime() - start) / 1e9);
    }

    private static JsonNode awaitReady(ApiClient api, String tenant, String token, String id)
            throws InterruptedException {
        while (true) {
            JsonNode export = api.get("/api/tenants/" + tenant + "/exports/" + id, token).json();
            String state = export.get("state").asText();
            if (state.equals("ready")) {
                return export;
            }
            if (state.equals("failed")) {
                throw new IllegalStateException("the export failed: " + export);
            }
            Thread.sleep(100);
        }
    }

    /** Samples the heap in use every 50 ms; the peak includes garbage not yet collected. */
    private static final class HeapSampler extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peakMib() {
            return peak.get() / MIB;
        }

        void reset() {
            peak.set(0);
        }

        void stopSampling() {
            running = false;
        }
    }
}
