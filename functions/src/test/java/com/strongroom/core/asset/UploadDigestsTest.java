package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The running upload digest: which parts it takes, how long an early part waits, and when completion trusts it. */
class UploadDigestsTest {
    static final TenantId ACME = TenantId.of("acme");
    static final byte[][] PARTS = {"first part ".getBytes(), "second part ".getBytes(), "third".getBytes()};

    final UploadDigests digests = new UploadDigests(Duration.ofSeconds(10));
    final AssetId upload = AssetId.random();

    static List<String> blocks(int part, String staging) {
        return List.of(ContentWriter.blockId(part, 0, staging));
    }

    static List<UploadPart> recorded(AssetId upload, String... stagings) {
        List<UploadPart> parts = new ArrayList<>();
        for (int n = 1; n <= stagings.length; n++) {
            parts.add(new UploadPart(ACME, upload, n, PARTS[n - 1].length, blocks(n, stagings[n - 1])));
        }
        return parts;
    }

    static byte[] sha256(byte[]... pieces) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] piece : pieces) {
            digest.update(piece);
        }
        return digest.digest();
    }

    void stage(int part, String staging) {
        try (UploadDigests.Arrival arrival = digests.arrive(ACME, upload, part)) {
            arrival.hash(blocks(part, staging), PARTS[part - 1]);
        }
    }

    void stageAllInOrder() {
        for (int part = 1; part <= PARTS.length; part++) {
            stage(part, "a");
        }
    }

    @Test
    void partsInOrderCoverTheWholeContent() throws Exception {
        stageAllInOrder();
        UploadDigests.Progress progress = digests.progress(ACME, upload, recorded(upload, "a", "a", "a"));
        assertEquals(3, progress.parts());
        assertArrayEquals(sha256(PARTS), progress.digest().digest());
    }

    @Test
    void aPartWhosePredecessorIsNotBeingStagedHereIsLeftOutAndEverythingAfterIt() throws Exception {
        stage(1, "a");
        stage(3, "a");
        stage(2, "a");
        UploadDigests.Progress progress = digests.progress(ACME, upload, recorded(upload, "a", "a", "a"));
        assertEquals(2, progress.parts(), "part 3 came before part 2 was even sent: completion reads it back");
        assertArrayEquals(sha256(PARTS[0], PARTS[1]), progress.digest().digest());
    }

    @Test
    void anEarlyPartWaitsForItsPredecessorStillBeingStagedHere() throws Exception {
        UploadDigests.Arrival first = digests.arrive(ACME, upload, 1);
        CountDownLatch secondWaits = new CountDownLatch(1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try (UploadDigests.Arrival arrival = digests.arrive(ACME, upload, 2)) {
                secondWaits.countDown();
                arrival.hash(blocks(2, "a"), PARTS[1]);
            }
        });
        assertTrue(secondWaits.await(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertFalse(second.isDone(), "part 2 must wait while part 1 is being staged");
        first.hash(blocks(1, "a"), PARTS[0]);
        first.close();
        second.get(5, TimeUnit.SECONDS);
        assertEquals(2, digests.progress(ACME, upload, recorded(upload, "a", "a")).parts());
    }

    @Test
    void aPredecessorThatFailsReleasesTheWaitingPartAtOnce() throws Exception {
        UploadDigests.Arrival first = digests.arrive(ACME, upload, 1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> stage(2, "a"));
        Thread.sleep(50);
        long start = System.nanoTime();
        first.close();
        second.get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        assertEquals(0, digests.progress(ACME, upload, recorded(upload, "a", "a")).parts());
    }

    @Test
    void theWaitIsBounded() throws Exception {
        UploadDigests impatient = new UploadDigests(Duration.ofMillis(100));
        UploadDigests.Arrival first = impatient.arrive(ACME, upload, 1);
        try (UploadDigests.Arrival second = impatient.arrive(ACME, upload, 2)) {
            second.hash(blocks(2, "a"), PARTS[1]);
        }
        first.hash(blocks(1, "a"), PARTS[0]);
        first.close();
        assertEquals(1, impatient.progress(ACME, upload, recorded(upload, "a", "a")).parts());
    }

    @Test
    void completionTrustsOnlyPartsHashedFromExactlyTheRecordedBlocks() throws Exception {
        stageAllInOrder();
        UploadDigests.Progress progress = digests.progress(ACME, upload, recorded(upload, "a", "b", "a"));
        assertEquals(1, progress.parts(), "part 2's record names blocks of another staging (another instance)");
        assertArrayEquals(sha256(PARTS[0]), progress.digest().digest());
        assertEquals(0, digests.progress(ACME, AssetId.random(), recorded(upload, "a")).parts());
        assertArrayEquals(sha256(), digests.progress(ACME, AssetId.random(), List.of()).digest().digest());
    }

    @Test
    void aPartStagedAgainReplacesItselfAndDropsWhatWasHashedOnTopOfIt() throws Exception {
        stageAllInOrder();
        stage(2, "b");
        UploadDigests.Progress progress = digests.progress(ACME, upload, recorded(upload, "a", "b", "a"));
        assertEquals(2, progress.parts());
        assertArrayEquals(sha256(PARTS[0], PARTS[1]), progress.digest().digest());
    }

    @Test
    void onlyTheLastFewPartsAreKeptSoAnOlderOneStagedAgainOrRecordedOtherwiseMeansReadingBackAll() throws Exception {
        int count = 20;
        byte[] piece = "part".getBytes();
        List<UploadPart> recorded = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            try (UploadDigests.Arrival arrival = digests.arrive(ACME, upload, n)) {
                arrival.hash(blocks(n, "a"), piece);
            }
            recorded.add(new UploadPart(ACME, upload, n, piece.length, blocks(n, "a")));
        }
        assertEquals(count, digests.progress(ACME, upload, recorded).parts());
        recorded.set(2, new UploadPart(ACME, upload, 3, piece.length, blocks(3, "b")));
        assertEquals(0, digests.progress(ACME, upload, recorded).parts(), "part 3 is older than the kept steps");

        try (UploadDigests.Arrival again = digests.arrive(ACME, upload, 3)) {
            again.hash(blocks(3, "b"), piece);
        }
        try (UploadDigests.Arrival next = digests.arrive(ACME, upload, 21)) {
            next.hash(blocks(21, "a"), piece);
        }
        assertEquals(0, digests.progress(ACME, upload, recorded).parts());
    }

    @Test
    void aForgottenUploadStartsFromNothing() {
        stage(1, "a");
        digests.forget(ACME, upload);
        assertEquals(0, digests.progress(ACME, upload, recorded(upload, "a")).parts());
    }
}
