package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.port.CheckpointSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
