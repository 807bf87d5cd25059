package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.AuditRetention;
import com.strongroom.core.audit.ChainLink;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.audit.ChainedEvent;
import com.strongroom.core.audit.Checkpointer;
import com.strongroom.core.audit.VerifyAuditTrail;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.AuditEvent.Outcome;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Region;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What every {@link AuditLog} adapter promises; one subclass per adapter. */
public abstract class AuditLogContract {
    static final Duration ACCESS_RETENTION = Duration.ofDays(30);
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123456789Z");

    protected abstract AuditLog log();

    @TempDir
    Path keys;

    protected static String uniqueTenant() {
        return "a-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static AuditEvent event(String tenant, Instant at, String actor, String action, String target,
                                      EventClass eventClass) {
        return new AuditEvent(UUID.randomUUID().toString(), tenant, at, actor, "Tenant.Admin", action, target,
                Optional.empty(), Optional.empty(), Optional.empty(), Outcome.SUCCESS, "req-" + UUID.randomUUID(), eventClass);
    }

    /** Appends {@code count} access events one after another; the i-th is at {@code T0 + i seconds}. */
    protected List<ChainedEvent> appendAccessEvents(String tenant, int count) {
        List<ChainedEvent> appended = new ArrayList<>();
        ChainLink tail = ChainLink.GENESIS;
        for (int i = 1; i <= count; i++) {
            ChainedEvent next = ChainedEvent.after(tail, event(tenant, T0.plusSeconds(i), "user-" + (i % 3),
                    i % 2 == 0 ? "tenant.read" : "audit.read", "tenants/" + tenant, EventClass.ACCESS));
            assertTrue(log().tryAppend(next, ACCESS_RETENTION));
            appended.add(next);
            tail = next.link();
        }
        return appended;
    }

    @Test
    void aWindowAcrossTenantsFindsEveryTenantsEventsOfTheActorInItAndNoOthers() {
        String actor = "window-" + UUID.randomUUID().toString().substring(0, 8);
        Instant from = T0.plus(Duration.ofDays(3000 + new java.util.Random().nextInt(1000)));
        List<String> expected = new ArrayList<>();
        for (String tenant : List.of(uniqueTenant(), uniqueTenant(), uniqueTenant())) {
            ChainLink tail = ChainLink.GENESIS;
            for (int i = 0; i < 3; i++) {
                String who = i == 2 ? "someone-else" : actor;
                ChainedEvent next = ChainedEvent.after(tail, event(tenant, from.plusSeconds(60L * i + 1), who,
                        "asset.download", "tenants/" + tenant + "/assets/x", EventClass.ACCESS));
                assertTrue(log().tryAppend(next, ACCESS_RETENTION));
                tail = next.link();
                if (who.equals(actor)) {
                    expected.add(next.event().id());
                }
            }
        }
        List<String> found = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        do {
            AuditLog.Page page = log().window(new AuditLog.WindowQuery(from, from.plusSeconds(3600), Optional.of(actor),
                    Optional.empty(), 2, continuation));
            page.events().forEach(e -> found.add(e.event().id()));
            continuation = page.continuation();
        } while (continuation.isPresent());
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(found));
        assertEquals(expected.size(), found.size(), "each once, across pages");
        assertEquals(0, log().window(new AuditLog.WindowQuery(from.plusSeconds(7200), from.plusSeconds(9000),
                Optional.of(actor), Optional.empty(), 10, Optional.empty())).events().size(), "outside the window");
    }

    @Test
    void anUnknownChainHasNoHeadAndNoEvents() {
        String tenant = uniqueTenant();
        assertEquals(Optional.empty(), log().head(tenant, "access"));
        assertEquals(Optional.empty(), log().read(tenant, "access", 1));
        assertEquals(List.of(), log().chain(tenant, "access", 1, 10));
    }

    @Test
    void anAppendedEventReadsBackExactly() {
        String tenant = uniqueTenant();
        AuditEvent withEverything = new AuditEvent(UUID.randomUUID().toString(), tenant, T0, "support-7",
                "Support.Engineer", "asset.content.read", "assets/a1", Optional.of("Ticket \"42\"\n"),
                Optional.of("g-1"), Optional.of("T-42"), Outcome.DENIED, "req-1", EventClass.SECURITY);
        ChainedEvent chained = ChainedEvent.after(ChainLink.GENESIS, withEverything);
        assertTrue(log().tryAppend(chained, Duration.ofDays(400)));
        assertEquals(Optional.of(chained), log().read(tenant, "security", 1));
        assertTrue(log().read(tenant, "security", 1).orElseThrow().hashMatchesContent());
    }

    @Test
    void aTakenPositionIsNeverTakenAgain() {
        String tenant = uniqueTenant();
        ChainedEvent first = appendAccessEvents(tenant, 1).get(0);
        ChainedEvent rival = ChainedEvent.after(ChainLink.GENESIS,
                event(tenant, T0, "rival", "tenant.read", "tenants/" + tenant, EventClass.ACCESS));
        assertFalse(log().tryAppend(rival, ACCESS_RETENTION));
        assertEquals(Optional.of(first), log().read(tenant, "access", 1));
    }

    @Test
    void theHeadOnlyMovesForward() {
        String tenant = uniqueTenant();
        List<ChainedEvent> events = appendAccessEvents(tenant, 3);
        log().moveHead(tenant, "access", events.get(1).link());
        log().moveHead(tenant, "access", events.get(0).link());
        assertEquals(Optional.of(events.get(1).link()), log().head(tenant, "access"));
        log().moveHead(tenant, "access", events.get(2).link());
        assertEquals(Optional.of(events.get(2).link()), log().head(tenant, "access"));
    }

    @Test
    void aChainIsListedInOrderFromAPositionUpToALimit() {
        String tenant = uniqueTenant();
        List<ChainedEvent> events = appendAccessEvents(tenant, 7);
        assertEquals(events.subList(2, 6), log().chain(tenant, "access", 3, 4));
        assertEquals(events.subList(5, 7), log().chain(tenant, "access", 6, 100));
    }

    /** Heads are stamped to the second by the store's clock (Cosmos DB's {@code _ts}), so the test waits two. */
    @Test
    void onlyChainsWhoseHeadMovedSinceAreListedWithTheirHead() throws InterruptedException {
        String tenant = uniqueTenant();
        List<ChainedEvent> events = appendAccessEvents(tenant, 2);
        log().moveHead(tenant, "access", events.get(1).link());
        Thread.sleep(2100);
        Instant since = Instant.now();
        ChainedEvent admin = ChainedEvent.after(ChainLink.GENESIS, event(tenant, T0, "ops", "tenant.update",
                "tenants/" + tenant, EventClass.ADMIN));
        assertTrue(log().tryAppend(admin, Duration.ofDays(400)));
        log().moveHead(tenant, "admin", admin.link());
        List<AuditLog.ChainHead> moved = log().headsMovedSince(since).stream()
                .filter(h -> h.tenantId().equals(tenant)).toList();
        assertEquals(List.of(new AuditLog.ChainHead(tenant, "admin", admin.link())), moved);
        assertTrue(log().headsMovedSince(since.minusSeconds(60)).contains(
                new AuditLog.ChainHead(tenant, "access", events.get(1).link())));
    }

    @Test
    void theCheckpointWatermarkIsWhereItWasLastMoved() {
        Instant first = Instant.parse("2026-11-30T10:00:00.123Z");
        log().moveCheckpointWatermark(first);
        assertEquals(Optional.of(first), log().checkpointWatermark());
        log().moveCheckpointWatermark(first.plusSeconds(3600));
        assertEquals(Optional.of(first.plusSeconds(3600)), log().checkpointWatermark());
    }

    @Test
    void chainsAreSeparatePerTenantAndClass() {
        String tenant = uniqueTenant();
        String other = uniqueTenant();
        appendAccessEvents(tenant, 2);
        ChainedEvent admin = ChainedEvent.after(ChainLink.GENESIS,
                event(tenant, T0, "ops", "tenant.create", "tenants/" + tenant, EventClass.ADMIN));
        assertTrue(log().tryAppend(admin, Duration.ofDays(400)));
        assertTrue(log().tryAppend(ChainedEvent.after(ChainLink.GENESIS,
                event(other, T0, "u", "tenant.read", "tenants/" + other, EventClass.ACCESS)), ACCESS_RETENTION));
        assertEquals(List.of(admin), log().chain(tenant, "admin", 1, 10));
        assertEquals(1, log().chain(other, "access", 1, 10).size());
        assertEquals(3, pageThrough(query(tenant).pageSize(10).build(), 10).size());
    }

    @Test
    void queriesFilterByTimeActorActionAndTargetNewestFirst() {
        String tenant = uniqueTenant();
        List<ChainedEvent> events = appendAccessEvents(tenant, 9);
        List<ChainedEvent> byActor = pageThrough(query(tenant).actor("user-1").build(), 100);
        assertEquals(List.of(events.get(6), events.get(3), events.get(0)), byActor);

        List<ChainedEvent> inRange = pageThrough(query(tenant).from(T0.plusSeconds(3)).to(T0.plusSeconds(5)).build(), 100);
        assertEquals(List.of(events.get(4), events.get(3), events.get(2)), inRange);

        List<ChainedEvent> reads = pageThrough(query(tenant).action("tenant.read").target("tenants/" + tenant).build(), 100);
        assertEquals(4, reads.size());
        assertTrue(reads.stream().allMatch(e -> e.event().action().equals("tenant.read")));
        assertEquals(List.of(), pageThrough(query(tenant).target("tenants/someone-else").build(), 100));
    }

    @Test
    void queriesFindTheEventsOfOneConsentGrant() {
        String tenant = uniqueTenant();
        appendAccessEvents(tenant, 2);
        ChainLink end = log().chain(tenant, "access", 1, 10).get(1).link();
        List<ChainedEvent> underGrants = new ArrayList<>();
        for (String grant : List.of("g-1", "g-2", "g-1")) {
            AuditEvent e = new AuditEvent(UUID.randomUUID().toString(), tenant, T0.plusSeconds(10 + underGrants.size()),
                    "support-7", "Support.Engineer", "asset.read", "tenants/" + tenant + "/assets/a1",
                    Optional.of("preview fails"), Optional.of(grant), Optional.of("SUP-1"), Outcome.SUCCESS, "req",
                    EventClass.ACCESS);
            ChainedEvent chained = ChainedEvent.after(end, e);
            assertTrue(log().tryAppend(chained, ACCESS_RETENTION));
            end = chained.link();
            underGrants.add(chained);
        }
        assertEquals(List.of(underGrants.get(2), underGrants.get(0)), pageThrough(query(tenant).grantId("g-1").build(), 100));
        assertEquals(List.of(), pageThrough(query(tenant).grantId("g-3").build(), 100));
    }

    @Test
    void pagesCoverEveryEventOnceNewestFirst() {
        String tenant = uniqueTenant();
        List<ChainedEvent> events = appendAccessEvents(tenant, 11);
        List<ChainedEvent> all = pageThrough(query(tenant).pageSize(4).build(), 4);
        List<ChainedEvent> expected = new ArrayList<>(events);
        java.util.Collections.reverse(expected);
        assertEquals(expected, all);
    }

    @Test
    void aContinuationThatThisLogDidNotIssueIsInvalidInput() {
        String tenant = uniqueTenant();
        appendAccessEvents(tenant, 1);
        assertThrows(InvalidInputException.class, () -> log().query(query(tenant).continuation("not a token!").build()));
    }

    /**
     * Several instances' worth of requests of one tenant at once: each instance spreads them over lanes, instances
     * meet in lanes, and still every lane is one unbroken, signed chain and every acknowledged event is in one.
     */
    @Test
    void aConcurrentBurstFromSeveralInstancesLeavesUnbrokenLanesWithEveryEvent() throws Exception {
        String tenant = uniqueTenant();
        int instances = 3;
        int threadsEach = 4;
        int perThread = 10;
        int lanes = 4;
        int checkpointEvery = 5;
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        CheckpointSigner signer = JwsCheckpointSigner.local(keys);
        ExecutorService pool = Executors.newFixedThreadPool(instances * threadsEach);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<String>>> appenders = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ChainedAuditTrail instance = new ChainedAuditTrail(log(),
                    new AuditRetention(ACCESS_RETENTION, Duration.ofDays(400), Duration.ofDays(400)),
                    new Checkpointer(log(), signer, checkpoints, Clock.systemUTC()), checkpointEvery, lanes);
            for (int t = 0; t < threadsEach; t++) {
                String actor = "appender-" + i + "-" + t;
                appenders.add(() -> {
                    start.await();
                    List<String> ids = new ArrayList<>();
                    for (int n = 0; n < perThread; n++) {
                        AuditEvent e = event(tenant, Instant.now(), actor, "tenant.read", "tenants/" + tenant,
                                EventClass.ACCESS);
                        instance.record(e);
                        ids.add(e.id());
                    }
                    return ids;
                });
            }
        }
        List<Future<List<String>>> results = appenders.stream().map(pool::submit).toList();
        start.countDown();
        Set<String> acknowledged = new HashSet<>();
        for (Future<List<String>> result : results) {
            acknowledged.addAll(result.get());
        }
        pool.shutdown();

        Set<String> stored = new HashSet<>();
        for (int lane = 0; lane < lanes; lane++) {
            String chain = ChainedEvent.laneOf(EventClass.ACCESS, lane);
            List<ChainedEvent> events = StoredLanes.assertUnbroken(log(), tenant, chain, stored);
            for (int signedAt = checkpointEvery; signedAt <= events.size(); signedAt += checkpointEvery) {
                String hash = events.get(signedAt - 1).hash();
                long position = signedAt;
                assertTrue(checkpoints.list(tenant, chain).stream().map(c -> signer.verify(c.signed()).orElseThrow())
                        .anyMatch(c -> c.sequence() == position && c.hash().equals(hash)), chain + " " + signedAt);
            }
        }
        assertEquals(acknowledged, stored);
        assertEquals(instances * threadsEach * perThread, stored.size());
        AuditRetention retention = new AuditRetention(ACCESS_RETENTION, Duration.ofDays(400), Duration.ofDays(400));
        AuditRecorder recorder = new AuditRecorder(new ChainedAuditTrail(log(), retention, null, Integer.MAX_VALUE, 1),
                Clock.systemUTC());
        VerifyAuditTrail verifier = new VerifyAuditTrail(Identities.accessControl(Region.WEST_EUROPE,
                new InMemoryTenantStore(), InMemoryGrantStore.noGrants(Clock.systemUTC()), recorder), log(),
                checkpoints, signer, retention, lanes, Clock.systemUTC());
        VerifyAuditTrail.Report report = verifier.verify(tenant, Instant.now().minus(Duration.ofHours(1)),
                Optional.empty(), Optional.empty());
        assertTrue(report.intact(), report.toString());
    }

    private List<ChainedEvent> pageThrough(AuditLog.Query first, int pageSize) {
        List<ChainedEvent> all = new ArrayList<>();
        AuditLog.Query q = first;
        for (int pages = 0; pages < 100; pages++) {
            AuditLog.Page page = log().query(q);
            assertTrue(page.events().size() <= pageSize);
            all.addAll(page.events());
            if (page.continuation().isEmpty()) {
                return all;
            }
            q = new AuditLog.Query(q.tenantId(), q.from(), q.to(), q.actor(), q.action(), q.target(), q.grantId(),
                    q.pageSize(), page.continuation());
        }
        throw new AssertionError("paging did not end");
    }

    protected static QueryBuilder query(String tenant) {
        return new QueryBuilder(tenant);
    }

    /** Readable queries in tests. */
    protected static final class QueryBuilder {
        private final String tenant;
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();
        private Optional<String> actor = Optional.empty();
        private Optional<String> action = Optional.empty();
        private Optional<String> target = Optional.empty();
        private Optional<String> grantId = Optional.empty();
        private int pageSize = 100;
        private Optional<String> continuation = Optional.empty();

        QueryBuilder(String tenant) {
            this.tenant = tenant;
        }

        QueryBuilder from(Instant value) {
            from = Optional.of(value);
            return this;
        }

        QueryBuilder to(Instant value) {
            to = Optional.of(value);
            return this;
        }

        QueryBuilder actor(String value) {
            actor = Optional.of(value);
            return this;
        }

        QueryBuilder action(String value) {
            action = Optional.of(value);
            return this;
        }

        QueryBuilder target(String value) {
            target = Optional.of(value);
            return this;
        }

        QueryBuilder grantId(String value) {
            grantId = Optional.of(value);
            return this;
        }

        QueryBuilder pageSize(int value) {
            pageSize = value;
            return this;
        }

        QueryBuilder continuation(String value) {
            continuation = Optional.of(value);
            return this;
        }

        AuditLog.Query build() {
            return new AuditLog.Query(tenant, from, to, actor, action, target, grantId, pageSize, continuation);
        }
    }
}
