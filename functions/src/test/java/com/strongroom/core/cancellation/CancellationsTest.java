package com.strongroom.core.cancellation;

import static com.strongroom.core.cancellation.CancellationFixture.ACME;
import static com.strongroom.core.cancellation.CancellationFixture.ADMIN;
import static com.strongroom.core.cancellation.CancellationFixture.OTHER_ADMIN;
import static com.strongroom.core.cancellation.CancellationFixture.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Cancellation.State;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.testing.CrashPoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

class CancellationsTest {
    @TempDir
    Path keys;
    CancellationFixture f;

    @BeforeEach
    void setUp() {
        f = new CancellationFixture(keys);
    }

    @Test
    void commandRefusesAGracePeriodOutOfRangeAndZeroDaysWithoutTheCustomersRequest() {
        assertThrows(InvalidInputException.class, () -> new Cancellations.Command(ACME, -1, Optional.empty(), true));
        assertThrows(InvalidInputException.class, () -> new Cancellations.Command(ACME, 91, Optional.empty(), true));
        InvalidInputException noReference = assertThrows(InvalidInputException.class,
                () -> new Cancellations.Command(ACME, 0, Optional.empty(), false));
        assertEquals("reference", noReference.field());
        assertEquals(90, new Cancellations.Command(ACME, 90, Optional.empty(), true).graceDays());
        assertEquals(0, new Cancellations.Command(ACME, 0, Optional.of("ticket 7"), false).graceDays());
    }

    @Test
    void onlyAPlatformAdminCancelsAndARefusalStoresNothing() {
        for (Caller caller : new Caller[] {ADMIN, OTHER_ADMIN}) {
            assertThrows(ForbiddenException.class, () -> f.cancellations.request(caller,
                    new Cancellations.Command(ACME, 30, Optional.empty(), true), "r"));
        }
        assertTrue(f.store.find(ACME).isEmpty());
        assertEquals(TenantStatus.ACTIVE, f.tenant().status());
    }

    @Test
    void anExportComesFirstThenTheGracePeriodThenThePurge() {
        Cancellation requested = f.request(30, true);

        assertEquals(State.EXPORTING, requested.state());
        assertEquals(TenantStatus.CANCELLING, f.tenant().status());
        assertEquals(1, f.exportJobs.size());
        assertTrue(f.notices.find(ACME, NoticeId.cancellation(requested.id(), 0)).isPresent());
        f.cancellations.advance().advanceOpen("t1");
        assertEquals(State.EXPORTING, f.stored().state());

        f.exportReady(f.stored());
        f.cancellations.advance().advance(ACME, "after-export");
        Cancellation grace = f.stored();
        assertEquals(State.GRACE, grace.state());
        assertEquals(f.clock.instant().plus(Duration.ofDays(30)), grace.purgeAt().orElseThrow());
        assertTrue(f.notices.find(ACME, NoticeId.cancellation(requested.id(), 1)).isPresent());

        f.clock.advance(Duration.ofDays(30).minusSeconds(1));
        f.cancellations.advance().advanceOpen("t2");
        assertEquals(State.GRACE, f.stored().state());
        assertEquals(0, f.purgeJobs.size());

        f.clock.advance(Duration.ofSeconds(1));
        f.cancellations.advance().advanceOpen("t3");
        assertEquals(State.PURGING, f.stored().state());
        assertEquals(TenantStatus.PURGING, f.tenant().status());
        assertEquals(1, f.purgeJobs.size());
        f.cancellations.advance().advanceOpen("t4");
        assertEquals(1, f.purgeJobs.size(), "a purge under way is not queued twice");
        f.clock.advance(AdvanceCancellations.REQUEUE_AFTER.plusSeconds(1));
        f.cancellations.advance().advanceOpen("t5");
        assertEquals(2, f.purgeJobs.size(), "a purge silent too long is queued again");
    }

    @Test
    void theExportExpiresNoEarlierThanThePurge() {
        Cancellation requested = f.request(30, true);
        Export export = f.exports.find(ACME, requested.exportId().orElseThrow()).orElseThrow();
        assertFalse(export.expiresAt().isBefore(f.clock.instant().plus(Duration.ofDays(30))));
    }

    @Test
    void anExportWhoseMessageWasLostIsQueuedAgain() {
        f.crashes.arm("ExportJobs.enqueue");
        assertThrows(CrashPoints.Crash.class, () -> f.request(30, true));
        assertEquals(State.EXPORTING, f.stored().state());
        assertEquals(0, f.exportJobs.size(), "the export is stored, its message never sent");

        f.cancellations.advance().advanceOpen("t1");
        assertEquals(0, f.exportJobs.size(), "a queued export is given time");
        f.clock.advance(AdvanceCancellations.REQUEUE_AFTER);
        f.cancellations.advance().advanceOpen("t2");

        assertEquals(1, f.exportJobs.size());
        assertEquals(f.stored().exportId(), f.exportJobs.next().map(j -> j.exportId()));
    }

    @Test
    void aFailedExportIsReplacedByANewOne() {
        Cancellation requested = f.request(30, true);
        Export first = f.exports.find(ACME, requested.exportId().orElseThrow()).orElseThrow();
        f.exports.replace(first.failed("boom", f.clock.instant()));

        f.cancellations.advance().advanceOpen("t");

        Cancellation again = f.stored();
        assertEquals(State.EXPORTING, again.state());
        assertNotEquals(first.id(), again.exportId().orElseThrow());
        assertEquals(Export.State.QUEUED, f.exports.find(ACME, again.exportId().orElseThrow()).orElseThrow().state());
    }

    @Test
    void whileCancellingCustomersOnlyReadTheirExportsAndTheCancellation() {
        f.request(30, true);
        Target target = Target.tenant(ACME);

        for (Operation served : new Operation[] {Operation.EXPORT_READ, Operation.EXPORT_DOWNLOAD,
                Operation.CANCELLATION_READ}) {
            f.access.authorizeTenant(ADMIN, served, ACME, target, "r");
        }
        for (Operation refused : new Operation[] {Operation.EXPORT_REQUEST, Operation.AUDIT_READ,
                Operation.CONSENT_GRANT, Operation.TENANT_READ}) {
            assertThrows(GoneException.class, () -> f.access.authorizeTenant(ADMIN, refused, ACME, target, "r"),
                    refused.action());
        }
        f.access.authorizeTenant(PLATFORM, Operation.TENANT_READ, ACME, target, "r");
    }

    @Test
    void aRevocationServesTheTenantAgainAndANewCancellationCanFollow() {
        Cancellation first = f.request(30, false);
        assertEquals(State.GRACE, first.state());

        Cancellation revoked = f.cancellations.revoke(PLATFORM, ACME, "r-revoke");

        assertEquals(State.REVOKED, revoked.state());
        assertEquals(TenantStatus.ACTIVE, f.tenant().status());
        assertTrue(f.notices.find(ACME, NoticeId.cancellation(first.id(), 2)).isPresent());
        f.clock.advance(Duration.ofDays(31));
        f.cancellations.advance().advanceOpen("t");
        assertEquals(State.REVOKED, f.stored().state());
        assertEquals(0, f.purgeJobs.size());
        assertThrows(NotFoundException.class, () -> f.cancellations.revoke(PLATFORM, ACME, "r-again"));

        Cancellation second = f.request(10, false);
        assertEquals(State.GRACE, second.state());
        assertNotEquals(first.id(), second.id());
    }

    @Test
    void cancellingTwiceIsAConflictThatChangesNothing() {
        Cancellation first = f.request(30, true);

        assertThrows(ConflictException.class, () -> f.request(10, false));

        assertEquals(first.id(), f.stored().id());
        assertEquals(30, f.stored().graceDays());
    }

    @Test
    void oncePurgingStartsItCannotBeReversed() {
        Cancellation immediate = f.request(0, false);
        assertEquals(State.PURGING, immediate.state());
        assertEquals(1, f.purgeJobs.size());

        assertThrows(ConflictException.class, () -> f.cancellations.revoke(PLATFORM, ACME, "r"));

        assertEquals(State.PURGING, f.stored().state());
        assertEquals(TenantStatus.PURGING, f.tenant().status());
        assertThrows(GoneException.class, () -> f.access.authorizeTenant(ADMIN, Operation.EXPORT_READ, ACME,
                Target.tenant(ACME), "r"), "exports are not served once the purge deletes them");
    }

    @Test
    void theCertificateIsAConflictUntilThePurgeIsDoneAndOnlyForPlatformAdmins() {
        f.request(30, false);
        assertThrows(ConflictException.class, () -> f.cancellations.certificate(PLATFORM, ACME, "r"));
        assertThrows(ForbiddenException.class, () -> f.cancellations.certificate(ADMIN, ACME, "r"));
        assertEquals(State.GRACE, f.cancellations.read(ADMIN, ACME, "r").state());
    }

    @Test
    void aCrashBetweenTheCancellationAndTheTenantsStatusIsMendedByTheNextPass() {
        f.crashes.arm("TenantStore.changeStatus");
        assertThrows(CrashPoints.Crash.class, () -> f.request(30, false));
        assertEquals(State.REQUESTED, f.stored().state());
        assertEquals(TenantStatus.ACTIVE, f.tenant().status());

        f.cancellations.advance().advanceOpen("t");

        assertEquals(State.GRACE, f.stored().state());
        assertEquals(TenantStatus.CANCELLING, f.tenant().status());
    }
}
