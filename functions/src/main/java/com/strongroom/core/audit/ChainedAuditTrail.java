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
 * Appends each event to its tenant's chain for its class, in one of {@code lanes} parallel lanes of that chain, so
 * that concurrent requests of one busy tenant do not queue for one position: each request of an instance holds a lane
 * of its own while it appends (see {@link AuditLanes}), and an append is one write. Appenders that still meet in a
 * lane (another instance, or more requests than lanes) race for the next sequence; the loser learns the winner's hash
 * and tries the position after it, so a lane never forks. An event is acknowledged only once it is stored; the head
 * hint and the periodic checkpoint (every {@code checkpointEvery} events of a lane) follow, and their failure does
 * not undo the event. A hint that lags far behind (its moves failed, or another instance appends fast) is not walked
 * one position at a time: after a few positions the true end is found by probing ahead in growing steps and
 * bisecting, and the hint is moved there, so a lag costs a few reads once instead of locking the lane.
 */
public final class ChainedAuditTrail implements AuditTrail {
    private static final Logger LOG = Logger.getLogger(ChainedAuditTrail.class.getName());
    private static final int MAX_ATTEMPTS = 200;
    /** Positions walked one by one before the end is searched for instead. */
    private static final int WALK_BEFORE_SEARCH = 8;

    private final AuditLog log;
    private final AuditRetention retention;
    private final Checkpointer checkpointer;
    private final int checkpointEvery;
    private final AuditLanes lanes;

    public ChainedAuditTrail(AuditLog log, AuditRetention retention, Checkpointer checkpointer, int checkpointEvery,
                             int lanes) {
        this.log = log;
        this.retention = retention;
        this.checkpointer = checkpointer;
        this.checkpointEvery = checkpointEvery;
        this.lanes = new AuditLanes(lanes);
    }

    @Override
    public void record(AuditEvent event) {
        AuditLanes.Lane lane = lanes.take(event.tenantId(), event.eventClass());
        try {
            lane.end = append(event, ChainedEvent.laneOf(event.eventClass(), lane.number), lane.end);
        } catch (RuntimeException e) {
            lane.end = null;
            throw e;
        } finally {
            lanes.release(lane);
        }
    }

    /** Appends after {@code knownEnd} (the head hint when null) or, if that is taken, after the real end. */
    private ChainLink append(AuditEvent event, String chain, ChainLink knownEnd) {
        ChainLink tail = knownEnd != null ? knownEnd : log.head(event.tenantId(), chain).orElse(ChainLink.GENESIS);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ChainedEvent next = ChainedEvent.after(tail, event, chain);
            if (log.tryAppend(next, retention.of(event.eventClass()))) {
                afterAppend(next);
                return next.link();
            }
            Optional<ChainedEvent> taken = log.read(event.tenantId(), chain, next.sequence());
            tail = taken.map(ChainedEvent::link)
                    .orElseGet(() -> log.head(event.tenantId(), chain).orElse(ChainLink.GENESIS));
            if (attempt + 1 == WALK_BEFORE_SEARCH) {
                tail = end(event.tenantId(), chain, tail);
                moveHead(event.tenantId(), chain, tail);
            }
        }
        throw new DependencyUnavailableException(Dependency.AUDIT,
                new IllegalStateException("could not append after " + MAX_ATTEMPTS + " attempts"));
    }

    /** The last stored position of a chain at or after {@code known}, which is stored. */
    private ChainLink end(String tenantId, String chain, ChainLink known) {
        long stored = known.sequence();
        long step = 1;
        long absent;
        while (true) {
            if (log.read(tenantId, chain, stored + step).isEmpty()) {
                absent = stored + step;
                break;
            }
            stored += step;
            step *= 2;
        }
        while (absent - stored > 1) {
            long middle = stored + (absent - stored) / 2;
            if (log.read(tenantId, chain, middle).isPresent()) {
                stored = middle;
            } else {
                absent = middle;
            }
        }
        long end = stored;
        return end == known.sequence() ? known : log.read(tenantId, chain, end).map(ChainedEvent::link).orElse(known);
    }

    private void moveHead(String tenantId, String chain, ChainLink link) {
        try {
            log.moveHead(tenantId, chain, link);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit head not moved to the chain's end: " + e.getClass().getName());
        }
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
