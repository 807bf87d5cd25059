package com.strongroom.core.cancellation;

import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.export.Exports;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Cancellation.State;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.CancellationStore;
import com.strongroom.core.port.ExportJobs;
import com.strongroom.core.port.ExportStore;
import com.strongroom.core.port.PurgeJobs;
import com.strongroom.core.port.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Moves cancellations on as far as they can go now: requested to exporting (an export of the whole tenant queued) or
 * straight to grace, exporting to grace once the export is ready (a failed one is replaced), grace to purging once
 * {@code purgeAt} has come (the purge job queued, and queued again if it has been silent too long). Called after a
 * request, after each export job, and by a timer for every open cancellation, since a queue cannot hold a message
 * for a grace period of up to 90 days.
 *
 * <p>The cancellation document is the truth; every transition is a conditional replace of it, so two advances at once
 * (or an advance and a revocation) change it once. The tenant's status follows it: set after each transition, and
 * again at the start of every pass, so a crash between the two is mended by the next.
 */
public final class AdvanceCancellations {
    /** How long a purge may run, or an export stay queued, before its job is queued again. */
    static final Duration REQUEUE_AFTER = Duration.ofMinutes(30);
    static final int BATCH = 100;
    static final String EXPORTED_BY = "system:cancellation";

    private final CancellationStore cancellations;
    private final TenantStore tenants;
    private final ExportStore exports;
    private final ExportJobs exportJobs;
    private final PurgeJobs purgeJobs;
    private final CancellationNotices notices;
    private final AuditRecorder audit;
    private final Clock clock;

    AdvanceCancellations(CancellationStore cancellations, TenantStore tenants, ExportStore exports,
                         ExportJobs exportJobs, PurgeJobs purgeJobs, CancellationNotices notices, AuditRecorder audit,
                         Clock clock) {
        this.cancellations = cancellations;
        this.tenants = tenants;
        this.exports = exports;
        this.exportJobs = exportJobs;
        this.purgeJobs = purgeJobs;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** Advances every open cancellation of the stamp; returns how many it looked at. */
    public int advanceOpen(String invocationId) {
        int seen = 0;
        for (Cancellation open : cancellations.open(BATCH)) {
            advance(open, invocationId);
            seen++;
        }
        return seen;
    }

    /** Advances the tenant's cancellation, if it has one. */
    public Optional<Cancellation> advance(TenantId tenant, String invocationId) {
        return cancellations.find(tenant).map(c -> advance(c, invocationId));
    }

    Cancellation advance(Cancellation start, String invocationId) {
        Cancellation c = start;
        tenants.changeStatus(c.tenantId(), c.state().tenantStatus());
        while (true) {
            Optional<Cancellation> next = step(c);
            if (next.isEmpty()) {
                return c;
            }
            Cancellation stored;
            try {
                stored = cancellations.replace(next.get());
            } catch (PreconditionFailedException e) {
                // Another advance or a revocation got there first: go on from what it wrote.
                c = cancellations.find(c.tenantId()).orElseThrow(() -> e);
                tenants.changeStatus(c.tenantId(), c.state().tenantStatus());
                continue;
            }
            afterStored(c, stored, invocationId);
            c = stored;
        }
    }

    /** The cancellation's next state, if it can move now. */
    private Optional<Cancellation> step(Cancellation c) {
        Instant now = clock.instant();
        return switch (c.state()) {
            case REQUESTED -> Optional.of(c.exportFirst() ? c.exporting(ExportId.random(), now) : c.inGrace(now));
            case EXPORTING -> exportStep(c, now);
            case GRACE -> c.purgeAt().filter(at -> !now.isBefore(at)).map(at -> c.entering(State.PURGING, now));
            case PURGING -> c.purgeQueuedAt().filter(at -> at.plus(REQUEUE_AFTER).isAfter(now)).isPresent()
                    ? Optional.empty() : Optional.of(c.purgeQueued(now));
            case PURGED, REVOKED -> Optional.empty();
        };
    }

    private Optional<Cancellation> exportStep(Cancellation c, Instant now) {
        ExportId id = c.exportId().orElseThrow();
        Optional<Export> export = exports.find(c.tenantId(), id);
        if (export.isEmpty()) {
            queueExport(c, id, now);
            return Optional.empty();
        }
        return switch (export.get().state()) {
            case READY -> Optional.of(c.inGrace(now));
            case FAILED, EXPIRED -> Optional.of(c.exporting(ExportId.random(), now));
            case QUEUED -> {
                // Stored, but its message may never have been sent (a pass that died in between): send one again.
                if (!export.get().updatedAt().plus(REQUEUE_AFTER).isAfter(now)) {
                    exportJobs.enqueue(c.tenantId(), id);
                }
                yield Optional.empty();
            }
            case RUNNING -> Optional.empty();
        };
    }

    /** Stores the cancellation's export, unless a pass before did, and queues its job (a second message is harmless). */
    private void queueExport(Cancellation c, ExportId id, Instant now) {
        Instant expiresAt = now.plus(Exports.RETENTION).plus(Duration.ofDays(c.graceDays()));
        try {
            exports.create(Export.queued(c.tenantId(), id, EXPORTED_BY, now, expiresAt));
        } catch (ConflictException alreadyStored) {
            // A pass that died before queueing it: queue it now.
        }
        exportJobs.enqueue(c.tenantId(), id);
    }

    /** What follows a transition once it is stored: the tenant's status, the job it calls for, the audit and notice. */
    private void afterStored(Cancellation before, Cancellation after, String invocationId) {
        tenants.changeStatus(after.tenantId(), after.state().tenantStatus());
        switch (after.state()) {
            case EXPORTING -> queueExport(after, after.exportId().orElseThrow(), clock.instant());
            case GRACE -> notices.inGrace(after);
            case PURGING -> {
                if (after.purgeQueuedAt().isPresent()) {
                    purgeJobs.enqueue(after.tenantId());
                }
            }
            default -> {
            }
        }
        if (before.state() != after.state()) {
            audit.system(Operation.CANCELLATION_ADVANCE, after.tenantId().value(), target(after.tenantId()).path(),
                    after.state().name().toLowerCase(Locale.ROOT), invocationId);
        }
    }

    static Target target(TenantId tenant) {
        return Target.tenant(tenant).and("cancellation");
    }
}
