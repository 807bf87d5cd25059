package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.port.CheckpointSigner;
import com.strongroom.testing.StoredLanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

class ChainedAuditTrailTest {
    static final String T = AuditTrailFixture.TENANT;

    @TempDir
    Path keys;

    @Test
    void eachEventGoesToItsClassChainWithItsClassRetention() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        AuditEvent access = f.event(EventClass.ACCESS, "a");
        AuditEvent admin = f.event(EventClass.ADMIN, "b");
        AuditEvent security = f.event(EventClass.SECURITY, "c");
        f.trail.record(access);
        f.trail.record(admin);
        f.trail.record(security);
        assertEquals(access, f.log.read(T, "access", 1).orElseThrow().event());
        assertEquals(admin, f.log.read(T, "admin", 1).orElseThrow().event());
        assertEquals(security, f.log.read(T, "security", 1).orElseThrow().event());
        assertEquals(Optional.of(Duration.ofDays(14)), f.log.retentionOf(access.id()));
        assertEquals(Optional.of(Duration.ofDays(365)), f.log.retentionOf(admin.id()));
        assertEquals(Optional.of(Duration.ofDays(365)), f.log.retentionOf(security.id()));
    }

    @Test
    void aChainIsCheckpointedEveryNEventsWithTheStampsSignature() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(11);
        List<Checkpoint> signed = f.checkpoints.list(T, "access").stream()
                .map(s -> f.signer.verify(s.signed()).orElseThrow()).toList();
        assertEquals(List.of(5L, 10L), signed.stream().map(Checkpoint::sequence).toList());
        assertEquals(f.stored(10).hash(), signed.get(1).hash());
        assertEquals(f.stored(10).event().at(), signed.get(1).eventAt());
    }

    @Test
    void aLaggingHeadHintNeverForksTheChain() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        ChainLink tail = ChainLink.GENESIS;
        for (int i = 0; i < 3; i++) {
            ChainedEvent placedByAnotherInstance = ChainedEvent.after(tail, f.event(EventClass.ACCESS, "other"));
            assertTrue(f.log.tryAppend(placedByAnotherInstance, Duration.ofDays(14)));
            tail = placedByAnotherInstance.link();
        }
        f.trail.record(f.event(EventClass.ACCESS, "me"));
        assertEquals(4, f.stored(4).sequence());
        assertEquals(tail.hash(), f.stored(4).prevHash());
        assertEquals(4, f.log.head(T, "access").orElseThrow().sequence());
    }

    /** A hint 1,000 positions behind (its moves failed) once locked every append of the tenant for good. */
    @Test
    void aHeadHintFarBehindIsCaughtUpAndRepaired() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        ChainLink tail = ChainLink.GENESIS;
        for (int i = 0; i < 1000; i++) {
            ChainedEvent placedWithoutMovingTheHead = ChainedEvent.after(tail, f.event(EventClass.ACCESS, "o" + i));
            assertTrue(f.log.tryAppend(placedWithoutMovingTheHead, Duration.ofDays(14)));
            tail = placedWithoutMovingTheHead.link();
        }
        int readsBefore = f.log.reads();
        f.trail.record(f.event(EventClass.ACCESS, "me"));
        assertEquals(tail.hash(), f.stored(1001).prevHash(), "appended at the true end, not forked");
        assertTrue(f.log.reads() - readsBefore < 40, "found in a few reads: " + (f.log.reads() - readsBefore));
        assertEquals(1001, f.log.head(T, "access").orElseThrow().sequence());
        f.trail.record(f.event(EventClass.ACCESS, "next"));
        assertEquals(1002, f.stored(1002).sequence());
    }

    /**
     * The contention the lanes remove: before them, the requests of one tenant all raced for one position, and every
     * loser read and retried. Now each request of an instance holds a lane of its own while it appends.
     */
    @Test
    void concurrentRequestsOfOneTenantAppendInLanesOfTheirOwnWithoutCollisions() throws Exception {
        AuditTrailFixture f = new AuditTrailFixture(JwsCheckpointSigner.local(keys), 4);
        Set<String> acknowledged = recordConcurrently(f, 4, 50);
        assertEquals(0, f.log.collisions());
        assertEveryLaneUnbrokenWith(f, 4, acknowledged);
    }

    @Test
    void moreRequestsThanLanesShareLanesAndLoseNoEvent() throws Exception {
        AuditTrailFixture f = new AuditTrailFixture(JwsCheckpointSigner.local(keys), 2);
        Set<String> acknowledged = recordConcurrently(f, 8, 40);
        assertEveryLaneUnbrokenWith(f, 2, acknowledged);
    }

    @Test
    void aQuietTenantKeepsToOneLane() {
        AuditTrailFixture f = new AuditTrailFixture(JwsCheckpointSigner.local(keys), 16);
        f.recordAccessEvents(20);
        List<Integer> used = IntStream.range(0, 16)
                .filter(lane -> !f.log.chain(T, ChainedEvent.laneOf(EventClass.ACCESS, lane), 1, 100).isEmpty())
                .boxed().toList();
        assertEquals(1, used.size(), used.toString());
        assertEquals(20, f.log.chain(T, ChainedEvent.laneOf(EventClass.ACCESS, used.get(0)), 1, 100).size());
    }

    private static Set<String> recordConcurrently(AuditTrailFixture f, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String actor = "client-" + t;
            results.add(pool.submit(() -> {
                start.await();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    AuditEvent event = f.event(EventClass.ACCESS, actor);
                    f.trail.record(event);
                    ids.add(event.id());
                }
                return ids;
            }));
        }
        start.countDown();
        Set<String> acknowledged = new HashSet<>();
        for (Future<List<String>> result : results) {
            acknowledged.addAll(result.get());
        }
        pool.shutdown();
        assertEquals(threads * each, acknowledged.size());
        return acknowledged;
    }

    /** Each lane is one unbroken chain, together they hold exactly the acknowledged events, and verify agrees. */
    private static void assertEveryLaneUnbrokenWith(AuditTrailFixture f, int lanes, Set<String> acknowledged) {
        Set<String> stored = new HashSet<>();
        for (int lane = 0; lane < lanes; lane++) {
            StoredLanes.assertUnbroken(f.log, T, ChainedEvent.laneOf(EventClass.ACCESS, lane), stored);
        }
        assertEquals(acknowledged, stored);
        VerifyAuditTrail.Report report = f.verifier.verify(T, AuditTrailFixture.BEGAN, Optional.empty(),
                Optional.empty());
        assertTrue(report.intact(), report.toString());
        assertEquals(acknowledged.size(), report.chains().stream().mapToInt(VerifyAuditTrail.ChainReport::eventsChecked)
                .sum());
    }

    @Test
    void aFailingSignerDoesNotUndoTheAcknowledgedEvent() {
        CheckpointSigner broken = new CheckpointSigner() {
            @Override
            public String sign(Checkpoint checkpoint) {
                throw new DependencyUnavailableException(com.strongroom.core.error.Dependency.SIGNING_KEY, new IllegalStateException("vault down"));
            }

            @Override
            public Optional<Checkpoint> verify(String signed) {
                return Optional.empty();
            }
        };
        AuditTrailFixture f = new AuditTrailFixture(broken);
        f.recordAccessEvents(6);
        assertEquals(6, f.log.chain(T, "access", 1, 100).size());
        assertEquals(List.of(), f.checkpoints.list(T, "access"));
    }

    @Test
    void whenTheLogIsDownRecordingFailsAndNothingIsStored() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.log.setDown(true);
        assertThrows(DependencyUnavailableException.class, () -> f.trail.record(f.event(EventClass.ACCESS, "a")));
        f.log.setDown(false);
        assertEquals(List.of(), f.log.chain(T, "access", 1, 100));
    }

    @Test
    void retentionBelowThePromisedMinimumIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new AuditRetention(Duration.ofDays(13), Duration.ofDays(365), Duration.ofDays(365)));
        assertThrows(IllegalArgumentException.class,
                () -> new AuditRetention(Duration.ofDays(14), Duration.ofDays(364), Duration.ofDays(365)));
        assertThrows(IllegalArgumentException.class,
                () -> new AuditRetention(Duration.ofDays(14), Duration.ofDays(365), Duration.ofDays(30)));
    }
}
