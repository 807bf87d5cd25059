package com.strongroom.core.export;

import static com.strongroom.core.export.ExportFixture.ACME;
import static com.strongroom.core.export.ExportFixture.ADMIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.Asset;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.AssetStore;
import com.strongroom.testing.CrashPoints;
import com.strongroom.testing.ExportPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class BuildExportTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path keys;
    @TempDir
    Path scratch;

    /** The tenant's files by the path their bag gives them. */
    private final Map<Asset, byte[]> uploaded = new LinkedHashMap<>();

    private ExportFixture fixture(int... sizes) {
        ExportFixture f = new ExportFixture(keys, 16 * MIB);
        Random random = new Random(11);
        String[] names = {"empty.txt", "Q3 report: final?.pdf", "Übersicht März.xlsx", "video.mp4", "notes.md",
            "dots..txt", "a.bin", "b.bin"};
        for (int i = 0; i < sizes.length; i++) {
            byte[] content = new byte[sizes[i]];
            random.nextBytes(content);
            f.clock.advance(Duration.ofSeconds(1));
            uploaded.put(f.asset(names[i % names.length], content), content);
        }
        return f;
    }

    private void assertHoldsEveryUpload(ExportPackages.Bag bag) {
        for (Map.Entry<Asset, byte[]> e : uploaded.entrySet()) {
            assertArrayEquals(e.getValue(), bag.file(BuildExport.pathOf(e.getKey())), e.getKey().name());
        }
        assertEquals(uploaded.size() + 3, bag.payload().size(), "the assets, assets.json and two audit files");
    }

    @Test
    void buildsAValidBagOfTheAssetsTheirMetadataAndTheAuditTrail() throws IOException {
        ExportFixture f = fixture(0, 10, 5 * MIB, 9 * MIB + 3, 300, 7);
        Asset deleted = f.asset("deleted.txt", "gone".getBytes(StandardCharsets.UTF_8));
        f.assets.replace(deleted.withState(Asset.State.DELETING));
        Export requested = f.exports.request(ADMIN, ACME, "r-export");
        f.clock.advance(Duration.ofMillis(1));
        f.asset("after the request.txt", "late".getBytes(StandardCharsets.UTF_8));

        f.runToEnd(f.jobs.next().orElseThrow());

        Export ready = f.export(requested);
        assertEquals(Export.State.READY, ready.state());
        ExportPackages.Bag bag = f.checkedBag(ready, scratch);
        assertEquals("strongroom-export-" + ready.id(), bag.root());
        assertHoldsEveryUpload(bag);
        assertEquals("data/assets/" + uploaded.keySet().iterator().next().id() + "/empty.txt",
                BuildExport.pathOf(uploaded.keySet().iterator().next()));
        assertTrue(bag.files().containsKey("data/assets/" + new ArrayList<>(uploaded.keySet()).get(1).id()
                + "/Q3 report_ final_.pdf"), "characters Windows refuses replaced");
        String metadata = new String(bag.file("data/assets.json"), StandardCharsets.UTF_8);
        assertEquals(uploaded.size(), metadata.split("\"sha256\"").length - 1);
        assertFalse(metadata.contains("after the request") || metadata.contains("deleted.txt"));
        String events = new String(bag.file("data/audit/events.jsonl"), StandardCharsets.UTF_8);
        assertTrue(events.contains("\"action\":\"asset.upload\"") && events.contains("\"hash\":"), events);
        assertTrue(events.lines().allMatch(l -> l.contains("\"tenantId\":\"acme\"")));
        assertEquals(ACME.value(), bag.info().get("Strongroom-Tenant"));
        assertEquals("westeurope", bag.info().get("Strongroom-Region"));
        assertEquals(Integer.toString(uploaded.size()), bag.info().get("Strongroom-Assets"));
        assertEquals(uploaded.size(), ready.progress().assetsDone());
        assertEquals(uploaded.values().stream().mapToLong(b -> b.length).sum(), ready.progress().bytesDone());
        assertEquals(ready.content().orElseThrow().payloadBytes(), bag.payload().stream()
                .mapToLong(p -> bag.file(p).length).sum());
        assertEquals(uploaded.size(), ready.content().orElseThrow().assets());
        assertTrue(f.dataKeys.find(ACME, ready.id().contentId()).orElseThrow().expiresAt().isPresent(),
                "the export key expires with the export");
    }

    @Test
    void aTenantWithNoAssetsStillGetsAValidBag() throws IOException {
        ExportFixture f = fixture();
        Export requested = f.exports.request(ADMIN, ACME, "r-export");

        f.runToEnd(f.jobs.next().orElseThrow());

        ExportPackages.Bag bag = f.checkedBag(f.export(requested), scratch);
        assertEquals(3, bag.payload().size());
        assertEquals("[\n]\n", new String(bag.file("data/assets.json"), StandardCharsets.UTF_8));
    }

    /** Each step the job takes, crashed before its nth call or right after it did its work. */
    private static final List<String> STEPS = List.of("ExportStore.find", "ExportStore.replace",
            "AssetStore.list", "ContentStore.read", "ContentStore.stage", "ContentStore.commit", "DataKeyStore.find",
            "DataKeyStore.create", "AuditLog.query", "CheckpointStore.list");

    @Test
    void aCrashAtAnyStepThenRedeliveryEndsWithOneCompleteValidPackage() throws IOException {
        int scenarios = 0;
        for (String step : STEPS) {
            for (int nth : new int[] {1, 2, 3, 5}) {
                for (boolean after : new boolean[] {false, true}) {
                    uploaded.clear();
                    ExportFixture f = fixture(3 * MIB, 10, 2 * MIB + 5, 4 * MIB, 0);
                    Export requested = f.exports.request(ADMIN, ACME, "r-export");
                    f.crashes.arm(step, nth, after);

                    f.runToEnd(f.jobs.next().orElseThrow());

                    Export ready = f.export(requested);
                    String scenario = step + " #" + nth + (after ? " after" : " before");
                    assertEquals(Export.State.READY, ready.state(), scenario);
                    assertHoldsEveryUpload(f.checkedBag(ready, scratch));
                    int blocks = ready.content().orElseThrow().blocks();
                    assertTrue(f.stagedBlocks.get() <= blocks + 2, scenario + ": " + f.stagedBlocks.get()
                            + " stagings for " + blocks + " blocks: a redelivery resumed instead of starting over");
                    scenarios += f.crashes.crashes();
                }
            }
        }
        assertTrue(scenarios >= 40, "crashes injected: " + scenarios);
    }

    @Test
    void severalCrashesAtRandomStepsInOneRunStillEndWithOneCompleteValidPackage() throws IOException {
        Random random = new Random(20261130);
        int crashes = 0;
        for (int run = 0; run < 25; run++) {
            uploaded.clear();
            ExportFixture f = fixture(1 + random.nextInt(5 * MIB), random.nextInt(100), 1 + random.nextInt(3 * MIB));
            Export requested = f.exports.request(ADMIN, ACME, "r-export");
            for (int armed = 0; armed < 4; armed++) {
                String step = STEPS.get(random.nextInt(STEPS.size()));
                boolean after = random.nextBoolean();
                f.crashes.arm(step, 1 + random.nextInt(4), after);
            }

            f.runToEnd(f.jobs.next().orElseThrow());

            assertHoldsEveryUpload(f.checkedBag(f.export(requested), scratch));
            crashes += f.crashes.crashes();
        }
        assertTrue(crashes >= 40, "crashes injected: " + crashes);
    }

    @Test
    void anAssetGoneBetweenACrashAndTheRedeliveryStartsThePackageOverWithoutIt() throws IOException {
        ExportFixture f = fixture(5 * MIB, 5 * MIB, 5 * MIB);
        Export requested = f.exports.request(ADMIN, ACME, "r-export");
        f.crashes.arm("ContentStore.stage", 3);
        BuildExport.Job job = f.jobs.next().orElseThrow();
        assertThrows(CrashPoints.Crash.class, () -> f.build.handle(job, new QueueDelivery(1, 5, "j1")));
        assertEquals(2, f.export(requested).progress().stagedBlocks());
        Asset first = uploaded.keySet().iterator().next();
        f.assets.replace(f.assets.find(ACME, first.id()).orElseThrow().withState(Asset.State.DELETING));
        uploaded.remove(first);

        f.build.handle(job, new QueueDelivery(2, 5, "j2"));

        assertHoldsEveryUpload(f.checkedBag(f.export(requested), scratch));
    }

    @Test
    void twoWorkersRacingOnOneMessageLeaveOneValidPackage() throws Exception {
        ExportFixture f = fixture(6 * MIB, 3 * MIB, 100);
        Export requested = f.exports.request(ADMIN, ACME, "r-export");
        BuildExport.Job job = f.jobs.next().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> workers = List.of(pool.submit(() -> f.runToEnd(job)), pool.submit(() -> f.runToEnd(job)));
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }

        Export ready = f.export(requested);
        assertEquals(Export.State.READY, ready.state());
        assertHoldsEveryUpload(f.checkedBag(ready, scratch));
        assertEquals(1, f.auditLog.count(e -> e.event().action().equals("export.ready")));
    }

    @Test
    void aReplayedMessageOfAReadyExportChangesNothing() throws IOException {
        ExportFixture f = fixture(100, 200);
        Export requested = f.exports.request(ADMIN, ACME, "r-export");
        BuildExport.Job job = f.jobs.next().orElseThrow();
        f.runToEnd(job);
        Export ready = f.export(requested);
        int staged = f.stagedBlocks.get();

        f.build.handle(job, new QueueDelivery(1, 5, "replay"));

        assertEquals(ready, f.export(requested));
        assertEquals(staged, f.stagedBlocks.get());
    }

    @Test
    void aTenantBeingPurgedGetsNoPackageBuilt() {
        ExportFixture f = fixture(100);
        Export requested = f.exports.request(ADMIN, ACME, "r-export");
        f.tenants.changeStatus(ACME, TenantStatus.PURGING);

        f.build.handle(f.jobs.next().orElseThrow(), new QueueDelivery(1, 5, "j"));

        assertEquals(0, f.stagedBlocks.get(), "the purge is deleting the tenant's exports");
        assertEquals(Export.State.RUNNING, f.export(requested).state());
    }

    @Test
    void theLastDeliveryThatFailsMarksTheExportFailedWithTheErrorKind() {
        ExportFixture f = fixture(100);
        Export requested = f.exports.request(ADMIN, ACME, "r-export");
        BuildExport.Job job = f.jobs.next().orElseThrow();
        for (int delivery = 1; delivery <= 5; delivery++) {
            f.crashes.arm("AssetStore.list");
            int d = delivery;
            assertThrows(CrashPoints.Crash.class, () -> f.build.handle(job, new QueueDelivery(d, 5, "j")));
        }
        assertEquals(Export.State.RUNNING, f.export(requested).state(), "a crash runs no cleanup");

        BuildExport failing = new BuildExport(f.exportStore, f.tenants, failingAssets(), f.keyring, f.assetContent,
                f.exportContent, f.auditLog, f.checkpoints, f.signer.tagManifests(), f.audit, f.clock);
        assertThrows(IllegalStateException.class, () -> failing.handle(job, new QueueDelivery(4, 5, "j")));
        assertEquals(Export.State.RUNNING, f.export(requested).state());
        assertThrows(IllegalStateException.class, () -> failing.handle(job, new QueueDelivery(5, 5, "j")));

        Export failed = f.export(requested);
        assertEquals(Export.State.FAILED, failed.state());
        assertEquals(Optional.of("IllegalStateException"), failed.failure());
        assertEquals(1, f.auditLog.count(e -> e.event().action().equals("export.fail")));
    }

    private static AssetStore failingAssets() {
        return (AssetStore) java.lang.reflect.Proxy.newProxyInstance(AssetStore.class.getClassLoader(),
                new Class<?>[] {AssetStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("store down");
                });
    }
}
