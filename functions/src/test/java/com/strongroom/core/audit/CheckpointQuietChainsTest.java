package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.port.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

class CheckpointQuietChainsTest {
    static final String T = AuditTrailFixture.TENANT;

    @TempDir
    Path keys;

    private static List<Long> signedPositions(AuditTrailFixture f, String chain) {
        return f.checkpoints.list(T, chain).stream().map(s -> f.signer.verify(s.signed()).orElseThrow().sequence())
                .sorted().toList();
    }

    /** The fixture's checkpoint store, timing out on the chains {@code unreachable} names. */
    private static CheckpointStore unreachableWhile(AuditTrailFixture f, Predicate<String> unreachable) {
        return new CheckpointStore() {
            @Override
            public void put(Checkpoint checkpoint, String signed) {
                f.checkpoints.put(checkpoint, signed);
            }

            @Override
            public List<Stored> list(String tenantId, String chain) {
                return f.checkpoints.list(tenantId, chain);
            }

            @Override
            public OptionalLong latestSequence(String tenantId, String chain) {
                if (unreachable.test(chain)) {
                    throw new DependencyUnavailableException(Dependency.BLOB, new IllegalStateException("timed out"));
                }
                return f.checkpoints.latestSequence(tenantId, chain);
            }
        };
    }

    @Test
    void signsTheEndOfEveryChainThatGrewSinceItsLastCheckpoint() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(7);
        f.trail.record(f.event(EventClass.ADMIN, "ops"));
        f.clock.advance(Duration.ofHours(1));
        CheckpointQuietChains periodic = new CheckpointQuietChains(f.log, f.checkpoints, f.checkpointer, f.clock);

        assertEquals(new CheckpointQuietChains.Outcome(2, 2, 0), periodic.handle());
        assertEquals(List.of(5L, 7L), signedPositions(f, "access"));
        assertEquals(List.of(1L), signedPositions(f, "admin"));
        assertEquals(f.stored(7).hash(), f.signer.verify(f.checkpoints.list(T, "access").stream()
                .filter(s -> s.name().contains("000000000007-")).findFirst().orElseThrow().signed()).orElseThrow().hash());

        f.clock.advance(Duration.ofHours(1));
        assertEquals(new CheckpointQuietChains.Outcome(0, 0, 0), periodic.handle(), "nothing moved: nothing looked at");
        f.recordAccessEvents(1);
        f.clock.advance(Duration.ofHours(1));
        assertEquals(new CheckpointQuietChains.Outcome(1, 1, 0), periodic.handle(), "only the chain that grew");
        assertEquals(List.of(5L, 7L, 8L), signedPositions(f, "access"));
    }

    /** A run that could not sign every chain leaves the watermark, so the next run looks at the failed chain again. */
    @Test
    void aChainThatFailedIsLookedAtAgainNextPeriod() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(2);
        boolean[] down = {true};
        CheckpointStore failingOnce = unreachableWhile(f, chain -> down[0]);
        CheckpointQuietChains periodic = new CheckpointQuietChains(f.log, failingOnce, f.checkpointer, f.clock);
        assertEquals(new CheckpointQuietChains.Outcome(1, 0, 1), periodic.handle());
        f.clock.advance(Duration.ofHours(1));
        down[0] = false;
        assertEquals(new CheckpointQuietChains.Outcome(1, 1, 0), periodic.handle());
        assertEquals(List.of(2L), signedPositions(f, "access"));
    }

    @Test
    void aPlantedBlobNameDoesNotStopTheChainBeingSigned() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(2);
        f.checkpoints.plant(T + "/access/not-a-checkpoint.jws", "x");
        assertEquals(new CheckpointQuietChains.Outcome(1, 1, 0),
                new CheckpointQuietChains(f.log, f.checkpoints, f.checkpointer, f.clock).handle());
    }

    @Test
    void aFailingChainIsCountedAndTheOthersAreStillSigned() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(2);
        f.trail.record(f.event(EventClass.SECURITY, "x"));
        CheckpointStore unreachableForSecurity = unreachableWhile(f, chain -> chain.equals("security"));
        CheckpointQuietChains.Outcome outcome = new CheckpointQuietChains(f.log, unreachableForSecurity, f.checkpointer, f.clock)
                .handle();
        assertEquals(new CheckpointQuietChains.Outcome(2, 1, 1), outcome);
        assertEquals(List.of(2L), signedPositions(f, "access"));
        assertEquals(List.of(), signedPositions(f, "security"));
    }
}
