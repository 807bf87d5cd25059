package com.strongroom.bench;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import com.strongroom.adapters.cosmos.CosmosContactStore;
import com.strongroom.adapters.cosmos.CosmosTenantStore;
import com.strongroom.adapters.email.OutboxNotifier;
import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.adapters.storage.BlobCheckpointStore;
import com.strongroom.core.audit.AuditRetention;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.audit.Checkpointer;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.Notifier;
import com.strongroom.it.ApiClient;
import com.strongroom.it.TestStack;
import com.strongroom.testing.AssetTestData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Breach notification at scale through the local host (run with {@code scripts/benchmark notices [tenants]
 * [events]}, at {@code -Xmx256m}): 1,000 tenants with two contacts each and an audit trail of 100,000 events (a
 * tenth of them by one compromised support account, on files with data-subject tags). Measures the preview that
 * derives the affected set, then declare and notify until every notice is in the local outbox; against a baseline in
 * the same run that enqueues the same number of messages and writes the same .eml files from them with twelve
 * workers (the host's batch plus threshold), without the notices, the send ledger or the budget. The rates compare
 * the sending itself: ours from the first email to the last (the host's idle poll backoff before the first message
 * is printed apart), the baseline's from its first receive. Prints the times, the rates, their ratio and the heap.
 */
public final class NoticeBenchmark {
    private static final String COMPROMISED = "support-bench@vendor";
    private static final int WORKERS = 12;

    private NoticeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tenantCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int eventsPerTenant = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        TestStack stack = TestStack.startOwn(Map.of("EMAIL_SENDS_PER_MINUTE", "100000"), List.of());
        try (CosmosClient cosmos = stack.emulators().newCosmosClient()) {
            CosmosDatabase db = cosmos.getDatabase("strongroom");
            Instant start = Instant.now().minusSeconds(60);
            long seedStart = System.nanoTime();
            List<String> tenants = seed(stack, db, tenantCount, eventsPerTenant);
            System.out.printf(Locale.ROOT, "seeded %d tenants, %d audit events in %.0f s; heap used %d MiB%n",
                    tenantCount, (long) tenantCount * eventsPerTenant, (System.nanoTime() - seedStart) / 1e9,
                    heapMiB());

            ApiClient api = stack.api().outsideContract();
            String officer = api.token("bench-officer", Optional.empty(), "Security.Officer");
            String body = "{\"title\":\"Benchmark\",\"nature\":[\"confidentiality\"],\"description\":\"d\","
                    + "\"detectedAt\":\"" + Instant.now().minusSeconds(1) + "\",\"window\":{\"from\":\"" + start
                    + "\",\"to\":\"" + Instant.now() + "\"},\"scope\":{\"actors\":[\"" + COMPROMISED + "\"]},"
                    + "\"keysExposed\":false,\"likelyConsequences\":\"c\",\"measures\":\"m\",\"contact\":\"x\"}";
            long previewStart = System.nanoTime();
            JsonNode preview = api.postJson("/api/incidents/preview", officer, body).json();
            double previewSeconds = (System.nanoTime() - previewStart) / 1e9;
            System.out.printf(Locale.ROOT, "preview: %d tenants, %d records, %d subjects derived in %.1f s; heap %d MiB%n",
                    preview.get("tenants").asInt(), preview.get("records").asLong(), preview.get("subjects").asLong(),
                    previewSeconds, heapMiB());

            Path outbox = Path.of(stack.values().get("LOCAL_OUTBOX_DIR"));
            int expected = 2 * preview.get("tenants").asInt();
            String id = api.postJson("/api/incidents", officer, body).json().get("id").asText();
            ExecutorService watcher = Executors.newFixedThreadPool(2);
            long notifyStart = System.nanoTime();
            Future<Long> firstFile = watcher.submit(() -> awaitFiles(outbox, 1));
            Future<Long> lastFile = watcher.submit(() -> awaitFiles(outbox, expected));
            api.postJson("/api/incidents/" + id + "/notify", officer, "");
            long notified = System.nanoTime();
            long first = firstFile.get();
            long last = lastFile.get();
            watcher.shutdown();
            double ours = (expected - 1) / ((last - first) / 1e9);
            System.out.printf(Locale.ROOT, "notices: notify answered in %.1f s; the host's queue poll found the first "
                    + "message %.1f s after the call began; %d emails in the outbox at %.1f emails/s from the first to the last "
                    + "(%.1f emails/s from notify); heap %d MiB%n", (notified - notifyStart) / 1e9,
                    (first - notifyStart) / 1e9, expected, ours, expected / ((last - notifyStart) / 1e9), heapMiB());

            double baseline = baseline(stack, tenants, outbox.resolveSibling("baseline-outbox"));
            System.out.printf(Locale.ROOT, "baseline: %d messages enqueued, %d files written at %.1f emails/s%n",
                    tenants.size(), 2 * tenants.size(), baseline);
            System.out.printf(Locale.ROOT, "ratio: %.2fx the baseline; preview %.1f s; heap used at the end %d MiB "
                    + "of %d MiB%n", ours / baseline, previewSeconds, heapMiB(),
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            stack.close();
        }
    }

    private static List<String> seed(TestStack stack, CosmosDatabase db, int tenantCount, int eventsPerTenant)
            throws Exception {
        Clock clock = Clock.systemUTC();
        CosmosTenantStore tenants = new CosmosTenantStore(() -> db.getContainer(CosmosTenantStore.CONTAINER));
        CosmosContactStore contacts = new CosmosContactStore(() -> db.getContainer(CosmosContactStore.CONTAINER));
        CosmosAssetStore assets = new CosmosAssetStore(() -> db.getContainer(CosmosAssetStore.CONTAINER));
        CosmosAuditLog log = new CosmosAuditLog(() -> db.getContainer(CosmosAuditLog.CONTAINER));
        Checkpointer checkpointer = new Checkpointer(log, JwsCheckpointSigner.local(Path.of(stack.values()
                .get("LOCAL_KEYS_DIR"))), new BlobCheckpointStore(new BlobServiceClientBuilder().connectionString(
                stack.values().get("STORAGE")).buildClient().getBlobContainerClient(BlobCheckpointStore.CONTAINER)),
                clock);
        AuditRetention retention = new AuditRetention(Duration.ofDays(30), Duration.ofDays(400), Duration.ofDays(400));
        ChainedAuditTrail trail = new ChainedAuditTrail(log, retention, checkpointer, 100, 16);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> futures = new ArrayList<>();
        for (int t = 0; t < tenantCount; t++) {
            String id = String.format(Locale.ROOT, "nb-%04d-%s", t, UUID.randomUUID().toString().substring(0, 4));
            futures.add(pool.submit(() -> {
                TenantId tenant = TenantId.of(id);
                tenants.create(new Tenant(tenant, id, Region.WEST_EUROPE, Optional.empty(), Instant.now(), "bench",
                        TenantStatus.ACTIVE, new TenantKeys("local:" + id + "/00", 1, new byte[] {1}, new byte[] {2})));
                contacts.put(tenant, new Contacts(List.of(EmailAddress.of("dpo@" + id + ".example")), List.of(),
                        List.of(EmailAddress.of("it@" + id + ".example"))));
                List<AssetId> files = new ArrayList<>();
                for (int a = 0; a < 5; a++) {
                    AssetId asset = AssetId.random();
                    assets.create(AssetTestData.anAsset().of(tenant).id(asset).subjectIndex(List.of("s-" + a,
                            "s-" + (a + 1))).at(Instant.now()).build());
                    files.add(asset);
                }
                for (int e = 0; e < eventsPerTenant; e++) {
                    boolean compromised = e % 10 == 0;
                    trail.record(new AuditEvent(UUID.randomUUID().toString(), id, Instant.now(),
                            compromised ? COMPROMISED : "user-" + (e % 7) + "@" + id, "Asset.Reader",
                            "asset.download", "tenants/" + id + "/assets/" + files.get(e % files.size()) + "/content",
                            Optional.empty(), Optional.empty(), Optional.empty(), AuditEvent.Outcome.SUCCESS,
                            "bench-" + e, AuditEvent.EventClass.ACCESS));
                }
                return id;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        return ids;
    }

    /** Enqueues one message per tenant, then twelve workers take them and write each tenant's two emails (timed). */
    private static double baseline(TestStack stack, List<String> tenants, Path outbox) throws Exception {
        QueueClient queue = new QueueClientBuilder().connectionString(stack.values().get("STORAGE"))
                .queueName("bench-notices-" + UUID.randomUUID().toString().substring(0, 8))
                .messageEncoding(QueueMessageEncoding.BASE64).buildClient();
        queue.create();
        OutboxNotifier writer = new OutboxNotifier(outbox, "notices@strongroom.localhost", Clock.systemUTC());
        String incident = UUID.randomUUID().toString();
        for (String tenant : tenants) {
            queue.sendMessage("{\"type\":\"notice\",\"tenantId\":\"" + tenant + "\"}");
        }
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(pool.submit(() -> {
                while (done.get() < tenants.size()) {
                    for (QueueMessageItem message : queue.receiveMessages(8)) {
                        String tenant = message.getBody().toString().replaceAll(".*\"tenantId\":\"([^\"]+)\".*", "$1");
                        for (String to : List.of("dpo@" + tenant + ".example", "it@" + tenant + ".example")) {
                            EmailAddress address = EmailAddress.of(to);
                            writer.send(new Notifier.Email(address, "[Strongroom] Personal data breach",
                                    "Benchmark baseline."), Delivery.idFor(NoticeId.incident(incident, 0), address));
                        }
                        queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return 2.0 * tenants.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** When the outbox first held {@code count} emails, as {@link System#nanoTime()}. */
    private static long awaitFiles(Path outbox, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> files = Files.list(outbox)) {
                    if (files.filter(f -> f.toString().endsWith(".eml")).count() >= count) {
                        return System.nanoTime();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the outbox never held " + count + " emails");
    }

    private static long heapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
