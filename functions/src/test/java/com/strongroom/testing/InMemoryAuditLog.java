package com.strongroom.testing;

import com.strongroom.core.audit.ChainLink;
import com.strongroom.core.audit.ChainedEvent;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.port.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An audit log for unit tests of the core, held to the same contract as the Cosmos adapter. Tests may also
 * tamper with it as an attacker with write access to the store could.
 */
public final class InMemoryAuditLog implements AuditLog {
    private final Map<String, ConcurrentSkipListMap<Long, ChainedEvent>> chains = new ConcurrentHashMap<>();
    private final Map<String, ChainLink> heads = new ConcurrentHashMap<>();
    /** When each head last moved, to the second, as Cosmos DB's {@code _ts} says. */
    private final Map<String, Instant> headMovedAt = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> watermark = new AtomicReference<>();
    private final Clock clock;
    private final Map<String, Duration> retentions = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger collisions = new AtomicInteger();
    private volatile boolean down;

    public InMemoryAuditLog() {
        this(Clock.systemUTC());
    }

    public InMemoryAuditLog(Clock clock) {
        this.clock = clock;
    }

    /** How many events the log holds, in every chain. */
    public int size() {
        return chains.values().stream().mapToInt(Map::size).sum();
    }

    /** How many events, in every chain, match {@code test}. */
    public long count(java.util.function.Predicate<ChainedEvent> test) {
        return chains.values().stream().flatMap(c -> c.values().stream()).filter(test).count();
    }

    private static String key(String tenantId, String chain) {
        return tenantId + "/" + chain;
    }

    private ConcurrentSkipListMap<Long, ChainedEvent> events(String tenantId, String chain) {
        return chains.computeIfAbsent(key(tenantId, chain), k -> new ConcurrentSkipListMap<>());
    }

    private void failIfDown() {
        if (down) {
            throw new com.strongroom.core.error.DependencyUnavailableException(com.strongroom.core.error.Dependency.AUDIT, new IllegalStateException("down"));
        }
    }

    @Override
    public Optional<ChainLink> head(String tenantId, String chain) {
        failIfDown();
        return Optional.ofNullable(heads.get(key(tenantId, chain)));
    }

    @Override
    public boolean tryAppend(ChainedEvent event, Duration retention) {
        failIfDown();
        boolean appended = events(event.event().tenantId(), event.chain()).putIfAbsent(event.sequence(), event) == null;
        if (appended) {
            retentions.put(event.event().id(), retention);
        } else {
            collisions.incrementAndGet();
        }
        return appended;
    }

    @Override
    public Optional<ChainedEvent> read(String tenantId, String chain, long sequence) {
        reads.incrementAndGet();
        failIfDown();
        return Optional.ofNullable(events(tenantId, chain).get(sequence));
    }

    @Override
    public void moveHead(String tenantId, String chain, ChainLink link) {
        failIfDown();
        String key = key(tenantId, chain);
        synchronized (heads) {
            ChainLink old = heads.get(key);
            if (old == null || link.sequence() > old.sequence()) {
                heads.put(key, link);
                headMovedAt.put(key, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            }
        }
    }

    @Override
    public List<ChainedEvent> chain(String tenantId, String chain, long fromSequence, int limit) {
        failIfDown();
        return events(tenantId, chain).tailMap(fromSequence, true).values().stream().limit(limit).toList();
    }

    @Override
    public List<ChainHead> headsMovedSince(Instant since) {
        failIfDown();
        Instant fromSecond = since.truncatedTo(ChronoUnit.SECONDS);
        List<ChainHead> moved = new ArrayList<>();
        heads.forEach((key, link) -> {
            if (!headMovedAt.get(key).isBefore(fromSecond)) {
                int slash = key.lastIndexOf('/');
                moved.add(new ChainHead(key.substring(0, slash), key.substring(slash + 1), link));
            }
        });
        return moved;
    }

    @Override
    public Optional<Instant> checkpointWatermark() {
        failIfDown();
        return Optional.ofNullable(watermark.get());
    }

    @Override
    public void moveCheckpointWatermark(Instant startedAt) {
        failIfDown();
        watermark.set(startedAt);
    }

    @Override
    public Page query(Query q) {
        failIfDown();
        int offset = q.continuation().map(InMemoryAuditLog::offset).orElse(0);
        List<ChainedEvent> matching = new ArrayList<>();
        chains.forEach((key, events) -> {
            if (key.startsWith(q.tenantId() + "/")) {
                events.values().stream().filter(e -> matches(q, e)).forEach(matching::add);
            }
        });
        matching.sort(Comparator.comparing((ChainedEvent e) -> e.event().at()).reversed());
        List<ChainedEvent> page = matching.stream().skip(offset).limit(q.pageSize()).toList();
        int next = offset + page.size();
        return new Page(page, next < matching.size() ? Optional.of(Integer.toString(next)) : Optional.empty());
    }

    @Override
    public Page window(WindowQuery q) {
        failIfDown();
        int offset = q.continuation().map(InMemoryAuditLog::offset).orElse(0);
        Query filter = new Query("", Optional.of(q.from()), Optional.of(q.to()), q.actor(), q.action(),
                Optional.empty(), Optional.empty(), q.pageSize(), Optional.empty());
        List<ChainedEvent> matching = new ArrayList<>();
        chains.forEach((key, events) -> events.values().stream().filter(e -> matches(filter, e))
                .forEach(matching::add));
        matching.sort(Comparator.comparing((ChainedEvent e) -> e.event().id()));
        List<ChainedEvent> page = matching.stream().skip(offset).limit(q.pageSize()).toList();
        int next = offset + page.size();
        return new Page(page, next < matching.size() ? Optional.of(Integer.toString(next)) : Optional.empty());
    }

    private static int offset(String continuation) {
        try {
            return Integer.parseInt(continuation);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("continuation", "is not a continuation token of this list");
        }
    }

    private static boolean matches(Query q, ChainedEvent chained) {
        var e = chained.event();
        return q.from().map(f -> !e.at().isBefore(f)).orElse(true)
                && q.to().map(t -> !e.at().isAfter(t)).orElse(true)
                && q.actor().map(e.actor()::equals).orElse(true)
                && q.action().map(e.action()::equals).orElse(true)
                && q.target().map(e.target()::equals).orElse(true)
                && q.grantId().map(g -> e.grantId().equals(Optional.of(g))).orElse(true);
    }

    /** The retention the event was stored with. */
    /** How many single events were read. */
    public int reads() {
        return reads.get();
    }

    /** Appends refused because another appender had taken the position first. */
    public int collisions() {
        return collisions.get();
    }

    public Optional<Duration> retentionOf(String eventId) {
        return Optional.ofNullable(retentions.get(eventId));
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** Tampering: replaces what is stored at a position. */
    public void overwrite(String tenantId, String chain, long sequence, ChainedEvent replacement) {
        events(tenantId, chain).put(sequence, replacement);
    }

    /** Tampering, or expiry: removes what is stored at a position. */
    public void remove(String tenantId, String chain, long sequence) {
        events(tenantId, chain).remove(sequence);
    }
}
