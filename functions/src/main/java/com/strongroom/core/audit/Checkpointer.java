package com.strongroom.core.audit;

import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointSigner;
import com.strongroom.core.port.CheckpointStore;
import java.time.Clock;
import java.util.Optional;

/** Signs the current end of a chain and stores the checkpoint. */
public final class Checkpointer {
    private final AuditLog log;
    private final CheckpointSigner signer;
    private final CheckpointStore store;
    private final Clock clock;

    public Checkpointer(AuditLog log, CheckpointSigner signer, CheckpointStore store, Clock clock) {
        this.log = log;
        this.signer = signer;
        this.store = store;
        this.clock = clock;
    }

    public Checkpoint checkpoint(ChainedEvent event) {
        Checkpoint checkpoint = new Checkpoint(event.event().tenantId(), event.chain(), event.sequence(), event.hash(),
                event.event().at(), clock.instant());
        store.put(checkpoint, signer.sign(checkpoint));
        return checkpoint;
    }

    /** Checkpoints the real end of a chain (the head hint may lag); empty if the chain has no event. */
    public Optional<Checkpoint> checkpointEnd(String tenantId, String chain) {
        return end(log, tenantId, chain).map(this::checkpoint);
    }

    /** The last event of a chain, found from the head hint by walking forward. */
    static Optional<ChainedEvent> end(AuditLog log, String tenantId, String chain) {
        return end(log, tenantId, chain, log.head(tenantId, chain).orElse(ChainLink.GENESIS));
    }

    /** The last event of a chain, found by walking forward from a head hint already read. */
    static Optional<ChainedEvent> end(AuditLog log, String tenantId, String chain, ChainLink hint) {
        Optional<ChainedEvent> last = hint.sequence() == 0 ? Optional.empty() : log.read(tenantId, chain, hint.sequence());
        long next = hint.sequence() + 1;
        for (Optional<ChainedEvent> e = log.read(tenantId, chain, next); e.isPresent();
             e = log.read(tenantId, chain, ++next)) {
            last = e;
        }
        return last;
    }
}
