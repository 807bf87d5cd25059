package com.strongroom.core.cancellation;

import com.strongroom.core.access.Operation;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Cancellation.State;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.notice.DeliverNotices;
import com.strongroom.core.port.CancellationStore;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.TenantDataSet;
import com.strongroom.core.port.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The purge of a tenant whose cancellation reached {@code purging}, as a job of the {@code tenant-jobs} queue
 * (docs/cancellation.md). Its steps, each safe to repeat, and recorded on the cancellation where a repeat must not
 * change the outcome:
 * <ol>
 * <li>inventory: every data set counted, recorded once (a racing or resumed job uses the recorded counts);</li>
 * <li>keys: the tenant's wrapped TDK and name removed from its record, then its KEK destroyed, then the time
 * recorded; from here nothing of the tenant can be decrypted;</li>
 * <li>data: every set deleted whole, then counted again until all are empty (a write that raced the purge is
 * deleted too);</li>
 * <li>certificate: signed and recorded once;</li>
 * <li>the certificate's notice delivered to the tenant's admins (exactly once per recipient, through the send
 * ledger) while their addresses still exist, by one job at a time (a lease on the cancellation); a deferral is
 * retried by redelivery, the last delivery gives up;</li>
 * <li>the contacts, notices and send ledger deleted, the tenant marked deleted, the purge audited, the cancellation
 * purged.</li>
 * </ol>
 */
public final class PurgeTenant {
    /** How long a job that delivers the certificate's notice keeps the others off: longer than a delivery takes. */
    static final Duration SENDING_LEASE = Duration.ofMinutes(2);

    private final CancellationStore cancellations;
    private final TenantStore tenants;
    private final KeyEncryptionKeys keks;
    private final List<TenantDataSet> data;
    private final TenantDataSet notifications;
    private final DeletionCertificates certificates;
    private final CancellationNotices notices;
    private final DeliverNotices deliver;
    private final AuditRecorder audit;
    private final Clock clock;

    /**
     * @param data          every set of the tenant's data but its notifications, which go last
     * @param notifications the tenant's contacts, notices and send ledger
     */
    PurgeTenant(CancellationStore cancellations, TenantStore tenants, KeyEncryptionKeys keks, List<TenantDataSet> data,
                TenantDataSet notifications, DeletionCertificates certificates, CancellationNotices notices,
                DeliverNotices deliver, AuditRecorder audit, Clock clock) {
        this.cancellations = cancellations;
        this.tenants = tenants;
        this.keks = keks;
        this.data = List.copyOf(data);
        this.notifications = notifications;
        this.certificates = certificates;
        this.notices = notices;
        this.deliver = deliver;
        this.audit = audit;
        this.clock = clock;
    }

    /** Purges the tenant; a message for a tenant not (or no longer) purging changes nothing. */
    public void handle(TenantId tenant, QueueDelivery delivery) {
        Optional<Cancellation> found = cancellations.find(tenant);
        if (found.isEmpty() || found.get().state() != State.PURGING) {
            return;
        }
        Cancellation c = found.get();
        tenants.changeStatus(tenant, TenantStatus.PURGING);
        if (c.purge().inventory().isEmpty()) {
            Map<String, Long> counts = new TreeMap<>();
            for (TenantDataSet set : sets()) {
                counts.put(set.kind(), set.count(tenant));
            }
            String kekId = tenants.find(tenant).map(Tenant::keys).orElseThrow().kekId();
            c = record(c, p -> p.inventory().isPresent() ? p : p.inventoried(counts, kekId));
        }
        if (c.purge().keysDestroyedAt().isEmpty()) {
            tenants.strip(tenant);
            keks.destroy(tenant);
            c = record(c, p -> p.keysDestroyedAt().isPresent() ? p : p.keysDestroyed(clock.instant()));
        }
        if (c.purge().certificate().isEmpty()) {
            deleteUntilEmpty(tenant, data);
            String signed = certificates.issue(c, clock.instant());
            c = record(c, p -> p.certificate().isPresent() ? p : p.certified(signed));
        }
        if (c.purge().certificateSentAt().isEmpty()) {
            c = claimSending(c);
            if (c.purge().certificateSentAt().isEmpty()) {
                sendCertificate(c, delivery);
                c = record(c, p -> p.certificateSentAt().isPresent() ? p : p.certificateSent(clock.instant()));
            }
        }
        deleteUntilEmpty(tenant, List.of(notifications));
        tenants.changeStatus(tenant, TenantStatus.DELETED);
        // Before the last write, so that a crash right after it cannot lose the event (a crash between the two
        // records it twice; the trail says the same thing twice rather than nothing).
        audit.system(Operation.TENANT_PURGE, tenant.value(), AdvanceCancellations.target(tenant).path(),
                "deleted " + c.purge().inventory().orElseThrow().values().stream().mapToLong(Long::longValue).sum()
                        + " items; certificate " + c.id(), delivery.invocationId());
        write(c, current -> current.state() == State.PURGED ? current
                : current.entering(State.PURGED, clock.instant()));
    }

    /**
     * Makes this job the one that delivers the certificate's notice for a while: a job that deletes the send ledger
     * once the notice is recorded sent must not leave another still sending, which would find no ledger and send
     * again. A claim another job holds is a conflict (retried on redelivery); one a dead job held runs out.
     */
    private Cancellation claimSending(Cancellation c) {
        Instant now = clock.instant();
        return record(c, p -> {
            if (p.certificateSentAt().isPresent()) {
                return p;
            }
            if (p.sendingUntil().filter(now::isBefore).isPresent()) {
                throw new ConflictException("another purge job is sending the deletion certificate");
            }
            return p.sending(Optional.of(now.plus(SENDING_LEASE)));
        });
    }

    private void sendCertificate(Cancellation c, QueueDelivery delivery) {
        Notice notice = notices.certificate(c);
        DeliverNotices.Outcome outcome = deliver.handle(new DeliverNotices.Job.Send(c.tenantId(), notice.id()),
                delivery);
        if (outcome.deferredBy().isPresent() && !delivery.last()) {
            // The send budget is spent for now: deliver again later, before the addresses are deleted.
            record(c, p -> p.sending(Optional.empty()));
            throw new ConflictException("the deletion certificate's notice waits for the send budget");
        }
    }

    private List<TenantDataSet> sets() {
        List<TenantDataSet> all = new ArrayList<>(data);
        all.add(notifications);
        return all;
    }

    /** Deletes the sets, then counts them; a set that is not empty again (a write that raced) is deleted again. */
    private static void deleteUntilEmpty(TenantId tenant, List<TenantDataSet> sets) {
        for (int pass = 1; ; pass++) {
            sets.forEach(set -> set.deleteAll(tenant));
            if (sets.stream().allMatch(set -> set.count(tenant) == 0)) {
                return;
            }
            if (pass == 3) {
                throw new ConflictException("the tenant's data kept reappearing while it was purged");
            }
        }
    }

    /** Writes a change to the purge's record, reading it again when another job wrote first; returns what is stored. */
    private Cancellation record(Cancellation c, UnaryOperator<Cancellation.Purge> change) {
        return write(c, current -> current.withPurge(change.apply(current.purge())));
    }

    private Cancellation write(Cancellation c, UnaryOperator<Cancellation> change) {
        Cancellation current = c;
        while (true) {
            Cancellation changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            try {
                return cancellations.replace(changed);
            } catch (PreconditionFailedException e) {
                current = cancellations.find(c.tenantId()).orElseThrow(() -> e);
            }
        }
    }
}
