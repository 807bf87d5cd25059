package com.strongroom.core.audit;

import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointStore;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic checkpoint: signs the end of every chain that has grown since its last checkpoint, so a chain
 * that is quiet between the every-N-events checkpoints still has its newest events under a signature within one
 * period. One chain's failure does not stop the others; it is retried next period.
 */
public final class CheckpointQuietChains {
    private static final Logger LOG = Logger.getLogger(CheckpointQuietChains.class.getName());

    public record Outcome(int chainsSeen, int checkpointed, int failed) {
    }

    private final AuditLog log;
    private final CheckpointStore checkpoints;
    private final Checkpointer checkpointer;

    public CheckpointQuietChains(AuditLog log, CheckpointStore checkpoints, Checkpointer checkpointer) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.checkpointer = checkpointer;
    }

    public Outcome handle() {
        int seen = 0;
        int made = 0;
        int failed = 0;
        for (AuditLog.ChainHead chain : log.heads()) {
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
        return new Outcome(seen, made, failed);
    }
}
