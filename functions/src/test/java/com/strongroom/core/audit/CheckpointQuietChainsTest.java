package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.port.CheckpointStore;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointQuietChainsTest {
    static final String T = AuditTrailFixture.TENANT;

    @TempDir
    Path keys;

    private static List<Long> signedPositions(AuditTrailFixture f, String chain) {
        return f.checkpoints.list(T, chain).stream().map(s -> f.signer.verify(s.signed()).orElseThrow().sequence())
                .sorted().toList();
    }

    @Test
    void signsTheEndOfEveryChainThatGrewSinceItsLastCheckpoint() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(7);
        f.trail.record(f.event(EventClass.ADMIN, "ops"));
        CheckpointQuietChains periodic = new CheckpointQuietChains(f.log, f.checkpoints, f.checkpointer);

        assertEquals(new CheckpointQuietChains.Outcome(2, 2, 0), periodic.handle());
        assertEquals(List.of(5L, 7L), signedPositions(f, "access"));
        assertEquals(List.of(1L), signedPositions(f, "admin"));
        assertEquals(f.stored(7).hash(), f.signer.verify(f.checkpoints.list(T, "access").stream()
                .filter(s -> s.name().contains("000000000007-")).findFirst().orElseThrow().signed()).orElseThrow().hash());

        assertEquals(new CheckpointQuietChains.Outcome(2, 0, 0), periodic.handle());
        f.recordAccessEvents(1);
        assertEquals(new CheckpointQuietChains.Outcome(2, 1, 0), periodic.handle());
        assertEquals(List.of(5L, 7L, 8L), signedPositions(f, "access"));
    }

    @Test
    void aPlantedBlobNameDoesNotStopTheChainBeingSigned() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(2);
        f.checkpoints.plant(T + "/access/not-a-checkpoint.jws", "x");
        assertEquals(new CheckpointQuietChains.Outcome(1, 1, 0),
                new CheckpointQuietChains(f.log, f.checkpoints, f.checkpointer).handle());
    }

    @Test
    void aFailingChainIsCountedAndTheOthersAreStillSigned() {
        AuditTrailFixture f = new AuditTrailFixture(keys);
        f.recordAccessEvents(2);
        f.trail.record(f.event(EventClass.SECURITY, "x"));
        CheckpointStore unreachableForSecurity = new CheckpointStore() {
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
                if (chain.equals("security")) {
                    throw new DependencyUnavailableException(com.strongroom.core.error.Dependency.BLOB, new IllegalStateException("timed out"));
                }
                return f.checkpoints.latestSequence(tenantId, chain);
            }
        };
        CheckpointQuietChains.Outcome outcome = new CheckpointQuietChains(f.log, unreachableForSecurity, f.checkpointer)
                .handle();
        assertEquals(new CheckpointQuietChains.Outcome(2, 1, 1), outcome);
        assertEquals(List.of(2L), signedPositions(f, "access"));
        assertEquals(List.of(), signedPositions(f, "security"));
    }
}
