package com.strongroom.core.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContactStore;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.Notifier;
import com.strongroom.core.port.SendBudget;
import com.strongroom.core.port.SendLedger;
import com.strongroom.testing.CrashPoints;
import com.strongroom.testing.InMemoryContactStore;
import com.strongroom.testing.InMemoryNoticeJobs;
import com.strongroom.testing.InMemoryNoticeStore;
import com.strongroom.testing.InMemorySendBudget;
import com.strongroom.testing.InMemorySendLedger;
import com.strongroom.testing.RecordingNotifier;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The notifier's worker sends each notice to each recipient exactly once, whatever dies when and however many
 * workers race: crashes before and after every port call, redelivery as the host does it, throttling, a spent
 * budget, and the last delivery failing.
 */
class DeliverNoticesTest {
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:10Z");
    private static final String[] STEPS = {"NoticeStore.find", "NoticeStore.createIfAbsent", "ContactStore.find",
            "SendLedger.createIfAbsent", "SendLedger.find", "SendLedger.replace", "SendBudget.reserve",
            "Notifier.send", "Notifier.accepted", "NoticeJobs.enqueue"};
    private static final int MAX_DEQUEUE = 5;

    /** The ports, a worker over them (through crash points), and the host's redelivery. */
    static final class Fixture {
        final TestClock clock = new TestClock(T0);
        final InMemoryNoticeStore notices = new InMemoryNoticeStore();
        final InMemoryContactStore contacts = new InMemoryContactStore();
        final InMemorySendLedger ledger = new InMemorySendLedger();
        final RecordingNotifier notifier = new RecordingNotifier();
        final InMemoryNoticeJobs jobs = new InMemoryNoticeJobs(clock);
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();
        final CrashPoints crashes = new CrashPoints();
        final List<Instant> sendTimes = new CopyOnWriteArrayList<>();
        final DeliverNotices worker;
        int poisoned;

        Fixture(int perMinute) {
            Notifier timed = new Notifier() {
                @Override
                public String send(Email email, String deliveryId) {
                    String id = notifier.send(email, deliveryId);
                    sendTimes.add(clock.instant());
                    return id;
                }

                @Override
                public Optional<String> accepted(String deliveryId) {
                    return notifier.accepted(deliveryId);
                }
            };
            worker = new DeliverNotices(crashes.around(NoticeStore.class, notices),
                    crashes.around(ContactStore.class, contacts), crashes.around(SendLedger.class, ledger),
                    crashes.around(SendBudget.class, new InMemorySendBudget(perMinute)),
                    crashes.around(Notifier.class, timed), crashes.around(NoticeJobs.class, jobs),
                    new AuditRecorder(events::add, clock), clock);
        }

        /**
         * Delivers a message as the host does: again after the visibility timeout when the worker dies, up to
         * {@code maxDequeueCount} times, then to the poison queue.
         */
        void deliver(DeliverNotices.Job job) {
            for (int dequeue = 1; dequeue <= MAX_DEQUEUE; dequeue++) {
                try {
                    worker.handle(job, new QueueDelivery(dequeue, MAX_DEQUEUE, "delivery"));
                    return;
                } catch (CrashPoints.Crash | RuntimeException e) {
                    clock.advance(Duration.ofSeconds(30));
                }
            }
            poisoned++;
        }

        /** Delivers every queued message, each when it becomes visible. */
        void drain() {
            for (int i = 0; i < 10_000; i++) {
                Optional<InMemoryNoticeJobs.Message> next = jobs.next();
                if (next.isEmpty()) {
                    return;
                }
                if (next.get().due().isAfter(clock.instant())) {
                    clock.advance(Duration.between(clock.instant(), next.get().due()));
                }
                deliver(new DeliverNotices.Job.Send(next.get().tenant(), next.get().notice()));
            }
            throw new AssertionError("the queue never drained");
        }

        Map<String, Integer> sendsPerDelivery() {
            Map<String, Integer> counts = new HashMap<>();
            notifier.sent().forEach(s -> counts.merge(s.deliveryId(), 1, Integer::sum));
            return counts;
        }
    }

    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");

    /** Two tenants, each with a maintenance notice to its admins and an incident notice to every contact. */
    static List<Notice> seed(Fixture f) {
        f.contacts.put(ACME, new Contacts(List.of(EmailAddress.of("dpo@acme.example")),
                List.of(EmailAddress.of("soc@acme.example")),
                List.of(EmailAddress.of("ada@acme.example"), EmailAddress.of("bob@acme.example"))));
        f.contacts.put(GLOBEX, new Contacts(List.of(), List.of(), List.of(EmailAddress.of("it@globex.example"))));
        List<Notice> out = new ArrayList<>();
        String maintenance = UUID.nameUUIDFromBytes("m".getBytes()).toString();
        String incident = UUID.nameUUIDFromBytes("i".getBytes()).toString();
        for (TenantId tenant : List.of(ACME, GLOBEX)) {
            out.add(f.notices.createIfAbsent(NoticeTexts.maintenance(maintenance, tenant, T0.plus(Duration.ofDays(1)),
                    T0.plus(Duration.ofDays(1).plusHours(2)), "Database upgrade.", T0)));
            out.add(f.notices.createIfAbsent(new Notice(NoticeId.incident(incident, 0), tenant, Notice.Kind.INCIDENT,
                    "Security incident", "Facts.", Contacts.Audience.ALL_CONTACTS, T0)));
        }
        out.forEach(n -> f.jobs.enqueue(n.tenantId(), n.id(), Duration.ZERO));
        return out;
    }

    /** What a clean run sends: one email per notice and recipient. */
    static Map<String, Integer> expected(Fixture f, List<Notice> notices) {
        Map<String, Integer> out = new HashMap<>();
        for (Notice n : notices) {
            f.contacts.find(n.tenantId()).orElseThrow().recipients(n.audience())
                    .forEach(r -> out.put(Delivery.idFor(n.id(), r), 1));
        }
        return out;
    }

    @Test
    void aCleanRunSendsEachNoticeToEachRecipientOnce() {
        Fixture f = new Fixture(30);
        List<Notice> notices = seed(f);
        f.drain();
        assertEquals(expected(f, notices), f.sendsPerDelivery());
        assertEquals(8, f.notifier.sent().size(), "acme: 2 admins, then 4 contacts; globex: its one admin twice");
        f.ledger.forNotice(ACME, notices.get(0).id()).forEach(d -> assertEquals(Delivery.State.SENT, d.state()));
        assertTrue(f.notifier.sent().stream().allMatch(s -> s.email().subject().startsWith("[Strongroom] ")
                && s.email().text().contains("carries no file content")));
    }

    @Test
    void aCrashBeforeOrAfterEveryPortCallThenRedeliverySendsExactlyOnce() {
        int scenarios = 0;
        int crashes = 0;
        for (String step : STEPS) {
            for (int nth = 1; nth <= 8; nth++) {
                for (boolean after : new boolean[] {false, true}) {
                    Fixture f = new Fixture(30);
                    List<Notice> notices = seed(f);
                    f.crashes.arm(step, nth, after);
                    f.drain();
                    String scenario = (after ? "after " : "before ") + step + " #" + nth;
                    assertEquals(expected(f, notices), f.sendsPerDelivery(), scenario);
                    assertEquals(0, f.poisoned, scenario);
                    crashes += f.crashes.crashes();
                    scenarios++;
                }
            }
        }
        assertEquals(160, scenarios);
        assertTrue(crashes >= 70, "crashes that happened: " + crashes);
    }

    @Test
    void twoHundredCrashesAtRandomStepsStillSendExactlyOnce() {
        Random random = new Random(20261130);
        int crashes = 0;
        for (int run = 0; run < 60; run++) {
            Fixture f = new Fixture(4);
            List<Notice> notices = seed(f);
            for (Optional<InMemoryNoticeJobs.Message> next = f.jobs.next(); next.isPresent(); next = f.jobs.next()) {
                if (next.get().due().isAfter(f.clock.instant())) {
                    f.clock.advance(Duration.between(f.clock.instant(), next.get().due()));
                }
                // Before each message, one crash somewhere in its handling: the host delivers it again.
                String step = STEPS[random.nextInt(STEPS.length)];
                boolean after = random.nextBoolean();
                f.crashes.arm(step, 1 + random.nextInt(3), after);
                f.deliver(new DeliverNotices.Job.Send(next.get().tenant(), next.get().notice()));
            }
            assertEquals(expected(f, notices), f.sendsPerDelivery(), "run " + run);
            assertEquals(0, f.poisoned, "run " + run);
            crashes += f.crashes.crashes();
        }
        assertTrue(crashes >= 200, "crashes that happened: " + crashes);
    }

    @Test
    void twoWorkersRacingOnEveryMessageSendExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int run = 0; run < 40; run++) {
                Fixture f = new Fixture(100);
                List<Notice> notices = seed(f);
                for (Optional<InMemoryNoticeJobs.Message> next = f.jobs.next(); next.isPresent(); next = f.jobs.next()) {
                    if (next.get().due().isAfter(f.clock.instant())) {
                        f.clock.advance(Duration.between(f.clock.instant(), next.get().due()));
                    }
                    var job = new DeliverNotices.Job.Send(next.get().tenant(), next.get().notice());
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<?>> both = new ArrayList<>();
                    for (int w = 0; w < 2; w++) {
                        both.add(pool.submit(() -> {
                            start.await();
                            f.deliver(job);
                            return null;
                        }));
                    }
                    start.countDown();
                    for (Future<?> done : both) {
                        done.get();
                    }
                }
                f.drain();
                assertEquals(expected(f, notices), f.sendsPerDelivery(), "run " + run);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThrottledSendIsDeferredNotDropped() {
        Fixture f = new Fixture(30);
        List<Notice> notices = seed(f);
        f.notifier.throttleNext(3);
        Optional<InMemoryNoticeJobs.Message> first = f.jobs.next();
        var outcome = f.worker.handle(new DeliverNotices.Job.Send(first.get().tenant(), first.get().notice()),
                new QueueDelivery(1, MAX_DEQUEUE, "delivery"));
        assertEquals(Optional.of(Duration.ofSeconds(20)), outcome.deferredBy());
        assertEquals(0, outcome.sent());
        f.drain();
        assertEquals(expected(f, notices), f.sendsPerDelivery());
    }

    @Test
    void theSendRateStaysWithinTheBudgetAndTheRestWaitsForTheNextMinute() {
        Fixture f = new Fixture(3);
        List<Notice> notices = seed(f);
        f.drain();
        assertEquals(expected(f, notices), f.sendsPerDelivery());
        Map<Instant, Integer> perMinute = new HashMap<>();
        f.sendTimes.forEach(t -> perMinute.merge(t.truncatedTo(ChronoUnit.MINUTES), 1, Integer::sum));
        assertTrue(perMinute.values().stream().allMatch(n -> n <= 3), perMinute.toString());
        assertEquals(3, perMinute.size(), "8 emails at 3 a minute take 3 minutes");
    }

    @Test
    void afterTheLastDeliveryTheUnsentAreFailedAndARetrySendsThemOnce() {
        Fixture f = new Fixture(30);
        List<Notice> notices = seed(f);
        Notice incident = notices.get(1);
        // The provider is down for all of this message's deliveries, the first having sent one email before it fell.
        InMemoryNoticeJobs.Message maintenance = f.jobs.next().orElseThrow();
        f.deliver(new DeliverNotices.Job.Send(maintenance.tenant(), maintenance.notice()));
        f.jobs.next();
        f.crashes.armAfter("Notifier.send", 1);
        for (int dequeue = 1; dequeue <= MAX_DEQUEUE; dequeue++) {
            f.clock.advance(DeliverNotices.LEASE);
            try {
                new DeliverNotices(f.notices, f.contacts, f.ledger, new InMemorySendBudget(30), dequeue == 1
                        ? f.crashes.around(Notifier.class, f.notifier) : failing(), f.jobs,
                        new AuditRecorder(f.events::add, f.clock), f.clock)
                        .handle(new DeliverNotices.Job.Send(ACME, incident.id()), new QueueDelivery(dequeue,
                                MAX_DEQUEUE, "delivery"));
            } catch (CrashPoints.Crash | RuntimeException e) {
                // delivered again, or poisoned after the last
            }
        }
        List<Delivery> entries = f.ledger.forNotice(ACME, incident.id());
        assertEquals(4, entries.size());
        assertTrue(entries.stream().allMatch(d -> d.state() == Delivery.State.FAILED), entries.toString());
        assertTrue(f.events.stream().anyMatch(e -> e.action().equals("notice.fail")));
        assertEquals(3, f.notifier.sent().size(), "the maintenance notice, and the one sent before the provider fell");

        entries.forEach(d -> f.ledger.replace(d.retried(f.clock.instant())));
        f.jobs.enqueue(ACME, incident.id(), Duration.ZERO);
        f.drain();
        assertEquals(expected(f, notices), f.sendsPerDelivery(), "the retry sends the other three, not the first again");
    }

    @Test
    void aConsentFirstUseReportedTwiceIsOneNoticeSentOnceToTheAdmins() {
        Fixture f = new Fixture(30);
        seed(f);
        GrantId grant = GrantId.random();
        var job = new DeliverNotices.Job.ConsentFirstUse(ACME, grant);
        f.deliver(job);
        f.deliver(job);
        List<RecordingNotifier.Sent> sent = f.notifier.sent();
        assertEquals(2, sent.size());
        assertEquals(List.of("ada@acme.example", "bob@acme.example"),
                sent.stream().map(s -> s.email().to().value()).sorted().toList());
        assertTrue(sent.get(0).email().text().contains(grant.value()));
    }

    @Test
    void aTenantWithoutContactsIsSentNothing() {
        Fixture f = new Fixture(30);
        Notice notice = f.notices.createIfAbsent(NoticeTexts.maintenance(UUID.randomUUID().toString(),
                TenantId.of("initech"), T0.plusSeconds(3600), T0.plusSeconds(7200), "Upgrade.", T0));
        var outcome = f.worker.handle(new DeliverNotices.Job.Send(notice.tenantId(), notice.id()),
                new QueueDelivery(1, MAX_DEQUEUE, "delivery"));
        assertEquals(0, outcome.sent());
        assertEquals(List.of(), f.notifier.sent());
        assertEquals(List.of(), f.ledger.forNotice(notice.tenantId(), notice.id()));
    }

    private static Notifier failing() {
        Function<String, RuntimeException> down = step -> new IllegalStateException("provider down: " + step);
        return new Notifier() {
            @Override
            public String send(Email email, String deliveryId) {
                throw down.apply("send");
            }

            @Override
            public Optional<String> accepted(String deliveryId) {
                throw down.apply("accepted");
            }
        };
    }
}
