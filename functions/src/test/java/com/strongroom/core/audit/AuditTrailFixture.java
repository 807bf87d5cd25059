package com.strongroom.core.audit;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.AuditEvent.Outcome;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Region;
import com.strongroom.core.port.CheckpointSigner;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAuditLog;
import com.strongroom.testing.InMemoryCheckpointStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The audit core wired to in-memory ports and the local signing key, with a clock tests move. */
final class AuditTrailFixture {
    static final String TENANT = "acme";
    static final AuditRetention RETENTION = new AuditRetention(Duration.ofDays(14), Duration.ofDays(365),
            Duration.ofDays(365));
    static final int CHECKPOINT_EVERY = 5;

    /** When the tenant, and so its chains, began. */
    static final Instant BEGAN = Instant.parse("2026-11-24T10:00:00Z");
    final TestClock clock = new TestClock(BEGAN);
    final InMemoryAuditLog log = new InMemoryAuditLog(clock);
    final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    final CheckpointSigner signer;
    final Checkpointer checkpointer;
    final ChainedAuditTrail trail;
    final VerifyAuditTrail verifier;

    AuditTrailFixture(Path keysDir) {
        this(JwsCheckpointSigner.local(keysDir));
    }

    AuditTrailFixture(CheckpointSigner signer) {
        this(signer, 1);
    }

    /** A trail over {@code lanes} lanes per chain; with one, every event of a class is in its chain's lane 0. */
    AuditTrailFixture(CheckpointSigner signer, int lanes) {
        this.signer = signer;
        checkpointer = new Checkpointer(log, signer, checkpoints, clock);
        trail = new ChainedAuditTrail(log, RETENTION, checkpointer, CHECKPOINT_EVERY, lanes);
        AuditRecorder recorder = new AuditRecorder(trail, clock);
        verifier = new VerifyAuditTrail(Identities.accessControl(Region.WEST_EUROPE, new InMemoryTenantStore(),
                InMemoryGrantStore.noGrants(clock), recorder), log, checkpoints, signer, RETENTION, lanes, clock);
    }

    /** Records {@code count} access events a minute apart. */
    void recordAccessEvents(int count) {
        for (int i = 0; i < count; i++) {
            trail.record(event(EventClass.ACCESS, "user-" + i));
            clock.advance(Duration.ofMinutes(1));
        }
    }

    AuditEvent event(EventClass eventClass, String actor) {
        return new AuditEvent(UUID.randomUUID().toString(), TENANT, clock.instant(), actor, "Tenant.Admin",
                "tenant.read", "tenants/" + TENANT, Optional.empty(), Optional.empty(), Optional.empty(),
                Outcome.SUCCESS,
                "req-" + UUID.randomUUID(), eventClass);
    }

    ChainedEvent stored(long sequence) {
        return log.read(TENANT, "access", sequence).orElseThrow();
    }

    VerifyAuditTrail.ChainReport verifyAccess() {
        return verifier.verify(TENANT, BEGAN, Optional.empty(), Optional.empty()).chains().stream()
                .filter(c -> c.chain().equals("access")).findFirst().orElseThrow();
    }
}
