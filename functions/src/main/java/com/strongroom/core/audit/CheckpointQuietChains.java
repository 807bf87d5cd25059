package com.strongroom.core.audit;

import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic checkpoint: signs the end of every chain that has grown since its last checkpoint, so a chain
 * that is quiet between the every-N-events checkpoints still has its newest events under a signature within one
 * period. It looks only at chains whose head moved since the last run that signed everything it found (the
 * watermark), so its cost grows with activity, not with tenants times lanes. One chain's failure does not stop the
 * others; the watermark then stays, and the chain is retried next period.
 */
public final class CheckpointQuietChains {
    private static final Logger LOG = Logger.getLogger(CheckpointQuietChains.class.getName());
    /** The store stamps a head's move to the second and by its own clock; this much earlier covers both. */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    public record Outcome(int chainsSeen, int checkpointed, int failed) {
    }

    private final AuditLog log;
    private final CheckpointStore checkpoints;
    private final Checkpointer checkpointer;
    private final Clock clock;

    public CheckpointQuietChains(AuditLog log, CheckpointStore checkpoints, Checkpointer checkpointer, Clock clock) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.checkpointer = checkpointer;
        this.clock = clock;
    }

    public Outcome handle() {
        Instant started = clock.instant();
        Instant since = log.checkpointWatermark().map(w -> w.minus(CLOCK_SLACK)).orElse(Instant.EPOCH);
        int seen = 0;
        int made = 0;
        int failed = 0;
        for (AuditLog.ChainHead chain : log.headsMovedSince(since)) {
            seen++;
            try {
                long signed = checkpoints.latestSequence(chain.tenantId(), chain.chain()).orElse(0);
                Optional<ChainedEvent> end = Checkpointer.end(log, chain.tenantId(), chain.chain(), chain.head());
                if (end.isPresent() && end.get().sequence() > signed) {
                    checkpointer.checkpoint(end.get());
                    made++;
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.log(Level.WARNING, "periodic audit checkpoint failed for one chain: " + e.getClass().getName());
            }
        }
        if (failed == 0) {
            log.moveCheckpointWatermark(started);
        }
        return new Outcome(seen, made, failed);
    }
}
