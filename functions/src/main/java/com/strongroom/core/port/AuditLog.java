package com.strongroom.core.port;

import com.strongroom.core.audit.ChainLink;
import com.strongroom.core.audit.ChainedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of audit chains. Sequences are unique per tenant and chain, so two appenders can never both place an
 * event at the same position: the chain cannot fork.
 */
public interface AuditLog {
    /** The last known position of a chain; a hint that may lag behind the real end, never run ahead of it. */
    Optional<ChainLink> head(String tenantId, String chain);

    /** Stores the event at its sequence, kept for {@code retention}; false if that sequence is already taken. */
    boolean tryAppend(ChainedEvent event, Duration retention);

    Optional<ChainedEvent> read(String tenantId, String chain, long sequence);

    /** Moves the head hint forward to {@code link}; never moves it back. */
    void moveHead(String tenantId, String chain, ChainLink link);

    /** Up to {@code limit} events of a chain with sequence at least {@code fromSequence}, ascending. */
    List<ChainedEvent> chain(String tenantId, String chain, long fromSequence, int limit);

    /**
     * Every chain of the stamp whose head hint moved at or after {@code since} (by the store's clock, to the second),
     * with its head: the chains a periodic checkpoint looks at, so its cost follows activity, not the number of chains.
     */
    List<ChainHead> headsMovedSince(Instant since);

    /** When the last periodic checkpoint that signed every chain it found had started; empty before the first. */
    Optional<Instant> checkpointWatermark();

    void moveCheckpointWatermark(Instant startedAt);

    /** Events of a tenant matching the filters, newest first, one page at a time. */
    Page query(Query query);

    /**
     * Events of every tenant in a window, optionally of one actor or action, in no particular order, one page at a
     * time: what an incident is looked for in, in one pass instead of one per tenant.
     */
    Page window(WindowQuery query);

    record WindowQuery(Instant from, Instant to, Optional<String> actor, Optional<String> action, int pageSize,
                       Optional<String> continuation) {
    }

    record Query(String tenantId, Optional<Instant> from, Optional<Instant> to, Optional<String> actor,
                 Optional<String> action, Optional<String> target, Optional<String> grantId, int pageSize,
                 Optional<String> continuation) {
    }

    record Page(List<ChainedEvent> events, Optional<String> continuation) {
    }

    record ChainHead(String tenantId, String chain, ChainLink head) {
    }
}
