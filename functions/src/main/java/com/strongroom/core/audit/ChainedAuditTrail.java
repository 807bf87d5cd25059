package com.strongroom.core.audit;

import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.AuditTrail;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends each event to its tenant's chain for its class. Concurrent appenders race for the next sequence;
 * the loser learns the winner's hash and tries the position after it, so the chain never forks. An event is
 * acknowledged only once it is stored; the head hint and the periodic checkpoint (every
 * {@code checkpointEvery} events) follow, and their failure does not undo the event.
 */
public final class ChainedAuditTrail implements AuditTrail {
    private static final Logger LOG = Logger.getLogger(ChainedAuditTrail.class.getName());
    private static final int MAX_ATTEMPTS = 200;

    private final AuditLog log;
    private final AuditRetention retention;
    private final Checkpointer checkpointer;
    private final int checkpointEvery;

    public ChainedAuditTrail(AuditLog log, AuditRetention retention, Checkpointer checkpointer, int checkpointEvery) {
        this.log = log;
        this.retention = retention;
        this.checkpointer = checkpointer;
        this.checkpointEvery = checkpointEvery;
    }

    @Override
    public void record(AuditEvent event) {
        String chain = ChainedEvent.chainOf(event.eventClass());
        ChainLink tail = log.head(event.tenantId(), chain).orElse(ChainLink.GENESIS);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ChainedEvent next = ChainedEvent.after(tail, event);
            if (log.tryAppend(next, retention.of(event.eventClass()))) {
                afterAppend(next);
                return;
            }
            Optional<ChainedEvent> taken = log.read(event.tenantId(), chain, next.sequence());
            tail = taken.map(ChainedEvent::link)
                    .orElseGet(() -> log.head(event.tenantId(), chain).orElse(ChainLink.GENESIS));
        }
        throw new DependencyUnavailableException(Dependency.AUDIT,
                new IllegalStateException("could not append after " + MAX_ATTEMPTS + " attempts"));
    }

    private void afterAppend(ChainedEvent appended) {
        try {
            log.moveHead(appended.event().tenantId(), appended.chain(), appended.link());
            if (appended.sequence() % checkpointEvery == 0) {
                checkpointer.checkpoint(appended);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit head or checkpoint not updated after an append: " + e.getClass().getName());
        }
    }
}
