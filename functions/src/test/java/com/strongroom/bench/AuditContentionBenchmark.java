package com.strongroom.bench;

import com.strongroom.it.ApiClient;
import com.strongroom.it.TestStack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Audited downloads of a small asset through the local host (run with {@code scripts/benchmark audit [seconds]}):
 * clients all on one tenant, against the same number of clients each on a tenant of its own, in the same run. Every
 * download appends one access event to its tenant's trail, so the one-tenant case measures how the trail copes with
 * one busy tenant. Prints downloads per second and p99 latency per step, and the ratios the goals are stated in.
 */
public final class AuditContentionBenchmark {
    private static final int[] CLIENTS = {1, 4, 8, 16};
    private static final int MAX_CLIENTS = 16;

    private record Step(int clients, boolean oneTenant, double perSecond, double p99Millis) {
    }

    private record Download(ApiClient api, String path, String token) {
        void once() {
            ApiClient.Response r = api.get(path, token);
            if (r.status() != 200) {
                throw new IllegalStateException("download answered " + r.status());
            }
        }
    }

    private AuditContentionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        TestStack stack = TestStack.startOwn(Map.of(), List.of());
        try {
            ApiClient api = stack.api().outsideContract();
            List<Download> tenants = new ArrayList<>();
            for (int i = 0; i < MAX_CLIENTS; i++) {
                tenants.add(smallAsset(api, "audit-" + i + "-" + UUID.randomUUID().toString().substring(0, 6)));
            }
            run(tenants, 4, true, 3);
            run(tenants, 4, false, 3);
            List<Step> steps = new ArrayList<>();
            for (int clients : CLIENTS) {
                steps.add(run(tenants, clients, true, seconds));
                if (clients > 1) {
                    steps.add(run(tenants, clients, false, seconds));
                }
            }
            report(steps);
        } finally {
            stack.close();
        }
        System.exit(0);
    }

    private static Download smallAsset(ApiClient api, String tenant) {
        api.createTenant(tenant);
        String token = api.token("bench", Optional.of(tenant), "Asset.Contributor");
        ApiClient.Response r = api.exchange("POST", "/api/tenants/" + tenant + "/assets", token,
                Map.of("Content-Type", "application/octet-stream", "X-Asset-Name", "thumb.jpg"), new byte[4096]);
        if (r.status() != 201) {
            throw new IllegalStateException("upload answered " + r.status());
        }
        return new Download(api, "/api/tenants/" + tenant + "/assets/" + r.json().get("id").asText() + "/content",
                token);
    }

    private static Step run(List<Download> tenants, int clients, boolean oneTenant, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Download download = tenants.get(oneTenant ? 0 : c);
            results.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    download.once();
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - started;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> result : results) {
            long[] some = result.get();
            long[] merged = Arrays.copyOf(all, all.length + some.length);
            System.arraycopy(some, 0, merged, all.length, some.length);
            all = merged;
        }
        pool.shutdown();
        Arrays.sort(all);
        long p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) Math.ceil(all.length * 0.99) - 1)];
        return new Step(clients, oneTenant, all.length / (double) seconds, p99 / 1e6);
    }

    private static void report(List<Step> steps) {
        System.out.println("clients | one tenant | each client its own tenant");
        for (int clients : CLIENTS) {
            Step one = find(steps, clients, true);
            String spread = clients == 1 ? "-" : format(find(steps, clients, false));
            System.out.println(clients + " | " + format(one) + " | " + spread);
        }
        Step one16 = find(steps, MAX_CLIENTS, true);
        Step spread16 = find(steps, MAX_CLIENTS, false);
        System.out.printf(Locale.ROOT, "one tenant / spread at 16 clients: %.2f (goal >= 0.9)%n",
                one16.perSecond() / spread16.perSecond());
        System.out.printf(Locale.ROOT, "one tenant 16 / 4 clients: %.2f (goal >= 1.0)%n",
                one16.perSecond() / find(steps, 4, true).perSecond());
        System.out.printf(Locale.ROOT, "p99 one tenant / spread at 16 clients: %.2f (goal <= 1.5)%n",
                one16.p99Millis() / spread16.p99Millis());
    }

    private static Step find(List<Step> steps, int clients, boolean oneTenant) {
        return steps.stream().filter(s -> s.clients() == clients && s.oneTenant() == oneTenant).findFirst()
                .orElseThrow();
    }

    private static String format(Step step) {
        return String.format(Locale.ROOT, "%.0f/s, p99 %.0f ms", step.perSecond(), step.p99Millis());
    }
}
