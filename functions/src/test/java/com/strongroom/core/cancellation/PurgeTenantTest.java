package com.strongroom.core.cancellation;

import static com.strongroom.core.cancellation.CancellationFixture.ACME;
import static com.strongroom.core.cancellation.CancellationFixture.ADMIN;
import static com.strongroom.core.cancellation.CancellationFixture.ADMIN_ADDRESSES;
import static com.strongroom.core.cancellation.CancellationFixture.OTHER;
import static com.strongroom.core.cancellation.CancellationFixture.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Cancellation.State;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.testing.InMemoryTenantDataSet;
import com.strongroom.testing.RecordingNotifier;
import com.strongroom.testing.SignedByStamp;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

class PurgeTenantTest {
    private static final String DELETED_SUBJECT = "[Strongroom] Your Strongroom tenant was deleted";

    @TempDir
    Path keys;

    /** A fresh tenant in {@code purging}, its inventory as it will be counted. */
    private CancellationFixture purging() {
        CancellationFixture f = new CancellationFixture(keys);
        assertEquals(State.PURGING, f.request(0, false).state());
        return f;
    }

    private static Map<String, Long> inventory(CancellationFixture f) {
        Map<String, Long> counts = new TreeMap<>();
        f.data.forEach(set -> counts.put(set.kind(), set.count(ACME)));
        counts.put("notifications", (long) f.contacts.count(ACME) + f.notices.count(ACME) + f.ledger.count(ACME));
        return counts;
    }

    @Test
    void thePurgeDeletesEverythingDestroysTheKeysAndSignsACertificate() throws Exception {
        CancellationFixture f = purging();
        Map<String, Long> before = inventory(f);
        String kekId = f.tenant().keys().kekId();

        f.purgeToEnd(1);

        Cancellation purged = f.stored();
        assertEquals(State.PURGED, purged.state());
        assertEquals(1, f.eventsOf(Operation.TENANT_PURGE.action(), "deleted "));
        f.data.forEach(set -> assertEquals(0, set.count(ACME), set.kind()));
        f.data.forEach(set -> assertEquals(5, set.count(OTHER), "another tenant keeps its " + set.kind()));
        assertEquals(0, f.contacts.count(ACME) + f.notices.count(ACME) + f.ledger.count(ACME));
        assertFalse(f.keks.holdsKeyOf(ACME));
        assertTrue(f.keks.holdsKeyOf(OTHER));
        Tenant tombstone = f.tenant();
        assertEquals(TenantStatus.DELETED, tombstone.status());
        assertEquals("", tombstone.displayName());
        assertTrue(tombstone.keys().isDestroyed());

        JWSObject certificate = SignedByStamp.verified(f.cancellations.certificate(PLATFORM, ACME, "r"),
                f.signer.publicKeySet(), "the deletion certificate");
        assertEquals("strongroom-deletion-certificate+jws", certificate.getHeader().getType().getType());
        Map<String, Object> claims = certificate.getPayload().toJSONObject();
        assertEquals("acme", claims.get("tenantId"));
        assertEquals(before, longs(claims.get("deleted")));
        @SuppressWarnings("unchecked")
        Map<String, Object> keysClaim = (Map<String, Object>) claims.get("keys");
        assertEquals(kekId, keysClaim.get("kekId"));
        Instant destroyedAt = Instant.parse((String) keysClaim.get("kekDestroyedAt"));
        assertEquals(destroyedAt.plus(Duration.ofDays(90)), Instant.parse((String) claims.get("irrecoverableAfter")),
                "the longest copy is Key Vault's soft-deleted key");
        assertEquals(4, ((List<?>) claims.get("retained")).size());
    }

    @Test
    void afterThePurgeEveryTenantRouteIsGoneAndTheIdCannotBeReused() {
        CancellationFixture f = purging();
        f.purgeToEnd(1);

        for (Operation operation : new Operation[] {Operation.CONSENT_LIST, Operation.EXPORT_READ,
                Operation.AUDIT_READ}) {
            assertThrows(GoneException.class, () -> f.access.authorizeTenant(ADMIN, operation, ACME,
                    Target.tenant(ACME), "r"), operation.action());
        }
        assertThrows(GoneException.class, () -> f.access.authorizeTenant(PLATFORM, Operation.TENANT_READ, ACME,
                Target.tenant(ACME), "r"));
        assertThrows(GoneException.class, () -> f.request(30, true), "a purged tenant is not cancelled again");
        assertThrows(ConflictException.class, () -> f.tenants.create(f.tenant()));
    }

    @Test
    void theAdminsGetTheCertificateOnceEach() {
        CancellationFixture f = purging();

        f.purgeToEnd(1);

        List<RecordingNotifier.Sent> sent = f.notifier.sent().stream()
                .filter(s -> s.email().subject().equals(DELETED_SUBJECT)).toList();
        assertEquals(ADMIN_ADDRESSES, sent.stream().map(s -> s.email().to().value()).toList());
        String certificate = f.stored().purge().certificate().orElseThrow();
        assertTrue(sent.stream().allMatch(s -> s.email().text().contains(certificate)));
    }

    static Stream<Arguments> stepBoundaries() {
        List<Arguments> points = new ArrayList<>();
        for (String step : List.of("CancellationStore.replace", "CancellationStore.find", "TenantStore.changeStatus",
                "TenantStore.strip", "TenantStore.find", "KeyEncryptionKeys.destroy", "TenantDataSet.count",
                "TenantDataSet.deleteAll", "NoticeStore.createIfAbsent", "SendLedger.createIfAbsent",
                "SendLedger.replace", "Notifier.send", "ContactStore.find")) {
            for (int nth = 1; nth <= 4; nth++) {
                points.add(Arguments.of(step, nth, false));
                points.add(Arguments.of(step, nth, true));
            }
        }
        return points.stream();
    }

    @ParameterizedTest(name = "{0} #{1} after={2}")
    @MethodSource("stepBoundaries")
    void aCrashAtAnyStepThenRedeliveryPurgesExactlyOnce(String step, int nth, boolean after) {
        CancellationFixture f = purging();
        Map<String, Long> before = inventory(f);
        f.crashes.arm(step, nth, after);

        f.purgeToEnd(10);

        assertExactlyOnce(f, before);
    }

    @Test
    void severalCrashesAtRandomStepsInRepeatedRunsStillPurgeExactlyOnce() {
        List<String> steps = stepBoundaries().map(a -> (String) a.get()[0]).distinct().toList();
        Random random = new Random(20261130);
        for (int run = 0; run < 25; run++) {
            CancellationFixture f = purging();
            Map<String, Long> before = inventory(f);
            for (int crash = 0; crash < 4; crash++) {
                String step = steps.get(random.nextInt(steps.size()));
                int nth = 1 + random.nextInt(3);
                f.crashes.arm(step, nth, random.nextBoolean());
            }

            f.purgeToEnd(40);

            assertExactlyOnce(f, before);
        }
    }

    @Test
    void aJobThatDiedSendingTheCertificateHoldsTheOthersOffUntilItsLeaseRunsOut() {
        CancellationFixture f = purging();
        f.crashes.arm("Notifier.send");
        assertThrows(Error.class, () -> f.cancellations.purge().handle(ACME, new QueueDelivery(1, 9, "a")));

        assertThrows(ConflictException.class, () -> f.cancellations.purge().handle(ACME, new QueueDelivery(2, 9, "b")),
                "another job is (as far as anyone knows) still sending");
        f.clock.advance(PurgeTenant.SENDING_LEASE);
        f.cancellations.purge().handle(ACME, new QueueDelivery(3, 9, "c"));

        assertEquals(State.PURGED, f.stored().state());
    }

    @RepeatedTest(10)
    void twoPurgesRacingCountOnceAndFinishOnce() throws Exception {
        CancellationFixture f = purging();
        Map<String, Long> before = inventory(f);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                int id = worker;
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int delivery = 1; ; delivery++) {
                        try {
                            f.cancellations.purge().handle(ACME, new QueueDelivery(delivery, 10, "w" + id));
                            return null;
                        } catch (RuntimeException e) {
                            if (delivery == 10) {
                                throw e;
                            }
                            Thread.sleep(50);
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertExactlyOnce(f, before);
    }

    @Test
    void aWriteThatRacesThePurgeIsDeletedToo() {
        CancellationFixture f = purging();
        Map<String, Long> before = inventory(f);
        InMemoryTenantDataSet documents = f.data.get(0);
        f.crashes.armAfter("TenantDataSet.deleteAll", 1);
        assertThrows(Error.class, () -> f.cancellations.purge().handle(ACME, new QueueDelivery(1, 5, "a")));
        documents.add(ACME, "written-during-the-purge");

        f.purgeToEnd(5);

        assertEquals(0, documents.count(ACME));
        assertExactlyOnce(f, before);
    }

    @Test
    void aMessageForATenantThatIsNotPurgingChangesNothing() {
        CancellationFixture f = new CancellationFixture(keys);
        f.request(30, false);

        f.cancellations.purge().handle(ACME, new QueueDelivery(1, 5, "early"));
        f.cancellations.purge().handle(OTHER, new QueueDelivery(1, 5, "never-cancelled"));

        assertEquals(State.GRACE, f.stored().state());
        f.data.forEach(set -> assertEquals(5, set.count(ACME)));
        assertTrue(f.keks.holdsKeyOf(ACME));
    }

    @Test
    void aCertificateNoticeWaitingForTheSendBudgetKeepsTheAddressesUntilItIsSent() {
        CancellationFixture f = purging();
        f.notifier.throttleNext(1);

        assertThrows(ConflictException.class, () -> f.cancellations.purge().handle(ACME,
                new QueueDelivery(1, 5, "first")));
        assertEquals(1, f.contacts.count(ACME));
        assertEquals(State.PURGING, f.stored().state());

        f.cancellations.purge().handle(ACME, new QueueDelivery(2, 5, "second"));

        assertEquals(State.PURGED, f.stored().state());
        assertEquals(2, f.notifier.sent().stream().filter(s -> s.email().subject().equals(DELETED_SUBJECT)).count());
    }

    private static void assertExactlyOnce(CancellationFixture f, Map<String, Long> before) {
        Cancellation purged = f.stored();
        assertEquals(State.PURGED, purged.state());
        assertEquals(TenantStatus.DELETED, f.tenant().status());
        f.data.forEach(set -> assertEquals(0, set.count(ACME), set.kind()));
        f.data.forEach(set -> assertEquals(5, set.count(OTHER), set.kind()));
        assertEquals(0, f.contacts.count(ACME) + f.notices.count(ACME) + f.ledger.count(ACME));
        assertFalse(f.keks.holdsKeyOf(ACME));
        assertEquals(before, purged.purge().inventory().orElseThrow(), "counted once, before any deletion");
        JWSObject certificate = SignedByStamp.verified(purged.purge().certificate().orElseThrow(),
                f.signer.publicKeySet(), "the deletion certificate");
        assertEquals(before, longs(certificate.getPayload().toJSONObject().get("deleted")));
        Map<String, Long> emails = new TreeMap<>();
        f.notifier.sent().stream().filter(s -> s.email().subject().equals(DELETED_SUBJECT))
                .forEach(s -> emails.merge(s.email().to().value(), 1L, Long::sum));
        assertEquals(Map.of(ADMIN_ADDRESSES.get(0), 1L, ADMIN_ADDRESSES.get(1), 1L), emails,
                "each admin is sent the certificate exactly once");
        long audited = f.eventsOf(Operation.TENANT_PURGE.action(), "deleted " + before.values().stream()
                .mapToLong(Long::longValue).sum() + " items");
        assertTrue(audited >= 1 && audited <= 2, "the purge is audited, at most twice when a job dies between the"
                + " event and the last write: " + audited);
    }

    private static Map<String, Long> longs(Object claim) {
        Map<String, Long> counts = new TreeMap<>();
        ((Map<?, ?>) claim).forEach((k, v) -> counts.put((String) k, ((Number) v).longValue()));
        return counts;
    }
}
