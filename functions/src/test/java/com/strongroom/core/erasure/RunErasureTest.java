package com.strongroom.core.erasure;

import static com.strongroom.core.erasure.ErasureFixture.ACME;
import static com.strongroom.core.erasure.ErasureFixture.JANE;
import static com.strongroom.core.erasure.ErasureFixture.MANAGER;
import static com.strongroom.core.erasure.ErasureFixture.SECOND_MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest.State;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.testing.CrashPoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The erasure job: it erases every matching asset (DEK, blob, document) and nothing else, retains what a legal hold
 * keeps, aborts tagged upload sessions, and issues a receipt that verifies with the public keys. A worker killed
 * before any port call, then redelivered, and two workers racing, end where a clean run ends.
 */
class RunErasureTest {
    @TempDir
    Path keys;
    ErasureFixture f;

    @BeforeEach
    void setUp() {
        f = new ErasureFixture(keys);
    }

    void assertErased(AssetId id) {
        assertTrue(f.assets.find(ACME, id).isEmpty(), "document of " + id);
        assertTrue(f.dataKeys.find(ACME, id).isEmpty(), "DEK of " + id);
        assertNull(f.content.stored(ACME, id), "blob of " + id);
    }

    void assertKept(AssetId id) {
        assertTrue(f.assets.find(ACME, id).isPresent());
        assertTrue(f.dataKeys.find(ACME, id).isPresent());
        assertTrue(f.content.stored(ACME, id) != null);
    }

    @Test
    void erasesEveryMatchingAssetRetainsHeldOnesAndSignsTheReceipt() {
        Asset passport = f.asset("passport.pdf", JANE);
        Asset shared = f.asset("shared.txt", "john@example.com", JANE);
        Asset contract = f.held("contract.pdf", "litigation 2026-04", JANE);
        Asset unrelated = f.asset("unrelated.txt", "john@example.com");
        String passportDek = f.keyring.dataKeyId(ACME, passport.id()).orElseThrow();
        ErasureRequest approved = f.approved(JANE);

        assertEquals(1, f.drain());

        assertErased(passport.id());
        assertErased(shared.id());
        assertKept(contract.id());
        assertKept(unrelated.id());
        ErasureRequest done = f.stored(approved);
        assertEquals(State.COMPLETED, done.state());
        Map<String, Object> receipt = f.verifiedReceipt(done);
        assertEquals(done.id().value(), receipt.get("erasureRequestId"));
        assertEquals("crypto-shred", receipt.get("method"));
        List<?> erased = (List<?>) receipt.get("erased");
        assertEquals(2, erased.size());
        assertTrue(((List<?>) receipt.get("keysDestroyed")).contains(passportDek));
        List<?> retained = (List<?>) receipt.get("retained");
        assertEquals(List.of(Map.of("assetId", contract.id().value(), "reason", "legal hold: litigation 2026-04")),
                retained);
        ErasureRequest.Completion completion = done.completion().orElseThrow();
        assertEquals(completion.at().plus(Duration.ofDays(30)).toString(), receipt.get("irrecoverableAfter"));
        assertEquals(completion.at().plus(Duration.ofHours(48)).toString(), receipt.get("keysIrrecoverableAfter"));
        assertEquals(List.of(approved.subjectIndex().get(0)), ((Map<?, ?>) receipt.get("subject")).get("blindIndex"));
        assertFalse(receipt.toString().toLowerCase().contains("jane"), "no identifier in the receipt");
        // The receipt is part of the tamper-evident chain: its completion event carries the payload's hash.
        assertEquals(completion.receiptSha256(), sha256OfPayload(done));
        assertEquals(List.of("receipt sha256:" + completion.receiptSha256()), f.events.stream()
                .filter(e -> e.action().equals("erasure.complete")).map(e -> e.purpose().orElseThrow()).toList());
        // Every erased asset is in the ledger before anything of it was destroyed.
        assertEquals(List.of(passport.id(), shared.id()).stream().map(AssetId::value).sorted().toList(),
                f.ledger.entries().stream().map(e -> e.assetId().value()).sorted().toList());
        // A subject search finds nothing left but what the hold keeps.
        assertEquals(List.of(contract.id()), f.assets.list(ACME, Optional.of(approved.subjectIndex().get(0)), 50,
                Optional.empty()).assets().stream().map(Asset::id).toList());
    }

    @Test
    void assetsTaggedAfterThePreviewAreErasedAndSaidSo() {
        Asset early = f.asset("early.pdf", JANE);
        ErasureRequest request = f.requested(JANE);
        Asset late = f.asset("late.pdf", JANE);
        f.requests.approve(SECOND_MANAGER, ACME, request.id(), "r2");
        f.drain();
        assertErased(late.id());
        Map<AssetId, Boolean> after = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        f.erasures.items(ACME, request.id()).forEach(i -> after.put(i.assetId(), i.matchedAfterPreview()));
        assertEquals(Map.of(early.id(), false, late.id(), true), after);
    }

    @Test
    void openUploadSessionsOfTheSubjectAreAborted() {
        UploadSession tagged = f.session("scan.tiff", JANE);
        UploadSession other = f.session("other.tiff", "john@example.com");
        f.approved(JANE);
        f.drain();
        assertTrue(f.uploads.find(ACME, tagged.id()).isEmpty());
        assertTrue(f.dataKeys.find(ACME, tagged.id()).isEmpty());
        assertTrue(f.uploads.find(ACME, other.id()).isPresent());
    }

    @Test
    void largeRequestsRunInChunksOfOneMessageEach() {
        for (int i = 0; i < 2 * RunErasure.CHUNK + 30; i++) {
            f.asset("file-" + i + ".txt", JANE);
        }
        ErasureRequest approved = f.approved(JANE);
        assertEquals(3, f.drain(), "one message per chunk of " + RunErasure.CHUNK);
        assertEquals(State.COMPLETED, f.stored(approved).state());
        assertEquals(2 * RunErasure.CHUNK + 30, ((List<?>) f.verifiedReceipt(approved).get("erased")).size());
        assertEquals(0, f.assets.concerning(ACME, approved.subjectIndex(), Optional.empty(), 1000).size());
    }

    /** What a run leaves, by file name: the outcome and destroyed DEK of each asset, and the receipt's lists. */
    record EndState(Map<String, String> outcomes, List<String> keysDestroyed, int erased, Object retained,
                    State state, int ledgerEntries) {
    }

    EndState endState(ErasureRequest request, Map<AssetId, String> names) {
        Map<String, String> outcomes = new TreeMap<>();
        for (ErasureItem item : f.erasures.items(ACME, request.id())) {
            outcomes.put(names.get(item.assetId()), item.outcome() + " " + item.dekId().orElse("-"));
        }
        Map<String, Object> receipt = f.verifiedReceipt(request);
        List<String> keys = new ArrayList<>();
        ((List<?>) receipt.get("keysDestroyed")).forEach(k -> keys.add((String) k));
        for (AssetId id : names.keySet()) {
            if (!names.get(id).startsWith("held")) {
                assertErased(id);
            }
        }
        int ledgerAssets = (int) f.ledger.entries().stream().map(e -> e.assetId()).distinct().count();
        return new EndState(outcomes, keys.stream().sorted().toList(), ((List<?>) receipt.get("erased")).size(),
                receipt.get("retained"), f.stored(request).state(), ledgerAssets);
    }

    Map<AssetId, String> fixture() {
        Map<AssetId, String> names = new java.util.HashMap<>();
        for (int i = 0; i < RunErasure.CHUNK + 5; i++) {
            Asset a = f.asset("file-" + i + ".txt", JANE);
            names.put(a.id(), a.name() + " " + f.keyring.dataKeyId(ACME, a.id()).orElseThrow());
        }
        Asset held = f.held("held.pdf", "audit", JANE);
        names.put(held.id(), "held.pdf");
        f.session("upload.bin", JANE);
        return names;
    }

    /** Outcomes with each DEK id replaced by whether it is the asset's own, so two fixtures compare equal. */
    static Map<String, String> normalised(EndState state, Map<AssetId, String> names) {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> dekOf = new java.util.HashMap<>();
        names.values().forEach(n -> {
            String[] parts = n.split(" ");
            if (parts.length == 2) {
                dekOf.put(parts[0], parts[1]);
            }
        });
        state.outcomes().forEach((name, outcome) -> {
            String file = name.split(" ")[0];
            String[] parts = outcome.split(" ");
            out.put(file, parts[0] + (dekOf.containsKey(file) ? " own-dek=" + parts[1].equals(dekOf.get(file)) : ""));
        });
        return out;
    }

    /**
     * Each case kills the worker before the nth call of one port method from approval on (105 tagged assets, one held,
     * one upload session: two chunks), then the host delivers the message again until the queue is empty.
     */
    @ParameterizedTest(name = "crash before call {1} of {0}, then redelivery")
    @CsvSource({"ErasureStore.find, 1", "ErasureStore.replace, 1", "ErasureStore.replace, 2",
            "AssetStore.concerning, 1", "AssetStore.concerning, 2", "DataKeyStore.findAll, 1",
            "DataKeyStore.findAll, 2", "ErasureStore.putItems, 1", "ErasureStore.putItems, 2",
            "ErasureStore.putItems, 3", "ErasureStore.putItems, 4",
            "ErasureLedger.append, 1", "ErasureLedger.append, 2", "DataKeyStore.delete, 1", "DataKeyStore.delete, 50",
            "DataKeyStore.delete, 106", "ContentStore.delete, 1", "ContentStore.delete, 77", "AssetStore.delete, 1",
            "AssetStore.delete, 100", "AssetStore.delete, 105", "ErasureJobs.enqueue, 1", "UploadStore.concerning, 1",
            "UploadStore.delete, 1", "ErasureStore.items, 1", "ReceiptStore.put, 1"})
    void aCrashAtAnyStepThenRedeliveryEndsAsACleanRunEnds(String step, int nth) {
        Map<AssetId, String> cleanNames = fixture();
        ErasureRequest clean = f.approved(JANE);
        f.drain();
        EndState cleanEnd = endState(clean, cleanNames);

        f = new ErasureFixture(keys);
        Map<AssetId, String> names = fixture();
        ErasureRequest request = f.approved(JANE);
        f.crashes.arm(step, nth);
        boolean crashed = false;
        for (Optional<ErasureJobs.Job> job = f.jobs.next(); job.isPresent(); job = f.jobs.next()) {
            try {
                f.run.handle(job.get(), new QueueDelivery(1, 5, "delivery"));
            } catch (CrashPoints.Crash crash) {
                crashed = true;
                f.jobs.enqueue(job.get());   // the host delivers the message again
            }
        }
        assertTrue(crashed, "the worker died before call " + nth + " of " + step);
        EndState after = endState(request, names);
        assertEquals(normalised(cleanEnd, cleanNames), normalised(after, names));
        assertEquals(cleanEnd.keysDestroyed().size(), after.keysDestroyed().size());
        assertEquals(1, ((List<?>) after.retained()).size(), "the held asset, retained");
        assertEquals(State.COMPLETED, after.state());
        assertEquals(RunErasure.CHUNK + 5, after.ledgerEntries());
        assertTrue(f.uploads.concerning(ACME, request.subjectIndex(), 10).isEmpty(), "the session was aborted");

        String receipt = f.receiptStore.find(ACME, request.id()).orElseThrow();
        f.jobs.enqueue(new ErasureJobs.Job(ACME, request.id(), Optional.empty()));
        f.drain();
        assertEquals(receipt, f.receiptStore.find(ACME, request.id()).orElseThrow(),
                "a message delivered again after completion issues the same receipt");
        assertEquals(List.of("receipt sha256:" + f.stored(request).completion().orElseThrow().receiptSha256()),
                f.events.stream().filter(e -> e.action().equals("erasure.complete")).map(e -> e.purpose()
                        .orElseThrow()).distinct().toList(), "every completion event names the one receipt");
    }

    @Test
    void twoWorkersRacingOnOneMessageChangeNothing() throws Exception {
        Map<AssetId, String> names = fixture();
        ErasureRequest request = f.approved(JANE);
        ErasureJobs.Job job = f.jobs.next().orElseThrow();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; job != null && round < 20; round++) {
                CountDownLatch start = new CountDownLatch(1);
                ErasureJobs.Job current = job;
                List<Future<?>> both = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int worker = w;
                    both.add(workers.submit(() -> {
                        start.await();
                        f.run.handle(current, new QueueDelivery(1, 5, "w" + worker));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> done : both) {
                    done.get();
                }
                job = f.jobs.next().orElse(null);
            }
        } finally {
            workers.shutdownNow();
        }
        f.drain();
        EndState state = endState(request, names);
        assertEquals(State.COMPLETED, state.state());
        assertEquals(RunErasure.CHUNK + 5, state.erased());
        assertTrue(normalised(state, names).values().stream().allMatch(v -> v.equals("ERASED own-dek=true")
                || v.equals("RETAINED")), normalised(state, names).toString());
    }

    @Test
    void afterTheLastDeliveryTheRequestFailsNamingTheStepAndRetryResumesIt() {
        Asset passport = f.asset("passport.pdf", JANE);
        ErasureRequest request = f.approved(JANE);
        ErasureJobs.Job job = f.jobs.next().orElseThrow();
        f.content.crashOnDelete(true);
        for (int attempt = 1; attempt <= 5; attempt++) {
            int a = attempt;
            assertThrows(IllegalStateException.class,
                    () -> f.run.handle(job, new QueueDelivery(a, 5, "d" + a)));
        }
        ErasureRequest failed = f.stored(request);
        assertEquals(State.FAILED, failed.state());
        assertEquals("delete-content", failed.failure().orElseThrow().step());
        assertEquals("IllegalStateException", failed.failure().orElseThrow().error());
        assertTrue(f.dataKeys.find(ACME, passport.id()).isEmpty(), "the key was already shredded");

        f.content.crashOnDelete(false);
        f.requests.retry(MANAGER, ACME, request.id(), "r-retry");
        f.drain();
        assertEquals(State.COMPLETED, f.stored(request).state());
        assertErased(passport.id());
        assertEquals(1, ((List<?>) f.verifiedReceipt(request).get("keysDestroyed")).size(),
                "the DEK recorded before the failure is the one the receipt names");
    }

    @Test
    void releasingTheHoldOfARetainedAssetErasesItUnderTheSameRequestAndReissuesTheReceipt() {
        Asset passport = f.asset("passport.pdf", JANE);
        Asset contract = f.held("contract.pdf", "litigation", JANE);
        ErasureRequest request = f.approved(JANE);
        f.drain();
        String first = f.receiptStore.find(ACME, request.id()).orElseThrow();
        assertEquals(1, ((List<?>) f.verifiedReceipt(request).get("retained")).size());
        f.clock.advance(Duration.ofDays(3));

        f.released(contract);
        assertEquals(State.APPROVED, f.stored(request).state());
        assertEquals(1, f.drain());

        assertErased(passport.id());
        assertErased(contract.id());
        ErasureRequest again = f.stored(request);
        assertEquals(State.COMPLETED, again.state());
        Map<String, Object> receipt = f.verifiedReceipt(again);
        assertEquals(2, ((List<?>) receipt.get("erased")).size());
        assertEquals(List.of(), receipt.get("retained"));
        assertEquals(again.completion().orElseThrow().at().toString(), receipt.get("completedAt"));
        assertFalse(first.equals(f.receiptStore.find(ACME, request.id()).orElseThrow()), "reissued");
        assertEquals(2, f.events.stream().filter(e -> e.action().equals("erasure.complete")).map(e -> e.purpose())
                .distinct().count(), "each receipt's hash is in the trail");
    }

    @Test
    void anApprovalWhoseMessageWasLostIsQueuedAgainOnceItHasStalled() {
        Asset passport = f.asset("passport.pdf", JANE);
        ErasureRequest request = f.approved(JANE);
        f.jobs.next().orElseThrow();   // the message is lost
        assertEquals(0, f.requeueStalled.handle("t1"), "not stalled yet");
        f.clock.advance(RequeueStalledErasures.STALLED_AFTER.plusSeconds(1));
        assertEquals(1, f.requeueStalled.handle("t2"));
        f.drain();
        assertEquals(State.COMPLETED, f.stored(request).state());
        assertErased(passport.id());
        assertEquals(0, f.requeueStalled.handle("t3"), "a started request is not queued again");
    }

    @Test
    void theReplayErasesAgainWhatARestoreBroughtBack() {
        Asset passport = f.asset("passport.pdf", JANE);
        var dek = f.dataKeys.find(ACME, passport.id()).orElseThrow();
        byte[] blob = f.content.stored(ACME, passport.id());
        Asset document = f.assets.find(ACME, passport.id()).orElseThrow();
        f.approved(JANE);
        f.drain();
        assertErased(passport.id());

        // A point-in-time restore of the data brings all three back; the ledger lives apart and is not restored.
        f.dataKeys.create(dek);
        f.content.overwrite(ACME, passport.id(), blob);
        f.assets.create(document);
        ReplayErasureLedger.Outcome outcome = f.replay.replay("replay-1");
        assertEquals(1, outcome.reErased());
        assertErased(passport.id());
        assertEquals(0, f.replay.replay("replay-2").reErased(), "idempotent");
    }

    @Test
    void onceBackupsAreGoneTheRequestIsIrrecoverableWithAFinalReceipt() {
        f.asset("passport.pdf", JANE);
        ErasureRequest request = f.approved(JANE);
        f.drain();
        assertEquals(0, f.markIrrecoverable.handle("t1"));
        f.clock.advance(Duration.ofDays(30).plusMinutes(1));
        assertEquals(1, f.markIrrecoverable.handle("t2"));
        assertEquals(State.IRRECOVERABLE, f.stored(request).state());
        Map<String, Object> receipt = f.verifiedReceipt(request);
        assertEquals("irrecoverable", receipt.get("status"));
        assertEquals(request.id().value() + ":irrecoverable", receipt.get("receiptId"));
        assertEquals(0, f.markIrrecoverable.handle("t3"));
    }

    private String sha256OfPayload(ErasureRequest request) {
        String jws = f.receiptStore.find(ACME, request.id()).orElseThrow();
        byte[] payload = java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1]);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
