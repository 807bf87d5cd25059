package com.strongroom.core.cancellation;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Cancellation.State;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.model.Text;
import com.strongroom.core.notice.DeliverNotices;
import com.strongroom.core.port.CancellationStore;
import com.strongroom.core.port.ExportJobs;
import com.strongroom.core.port.ExportStore;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.PurgeJobs;
import com.strongroom.core.port.TenantDataSet;
import com.strongroom.core.port.TenantStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's cancellation through the API (docs/cancellation.md): a Platform.Admin requests it and may reverse it
 * until the purge starts; the Platform.Admin and the tenant's admins read its dates; the Platform.Admin reads the
 * deletion certificate once the tenant is purged.
 */
public final class Cancellations {
    /** What a Platform.Admin asks for: the grace period, whether to export first, and the customer's request. */
    public record Command(TenantId tenant, int graceDays, Optional<String> reference, boolean exportFirst) {
        public Command {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            if (graceDays < 0 || graceDays > Cancellation.MAX_GRACE_DAYS) {
                throw new InvalidInputException("graceDays", "must be 0 to " + Cancellation.MAX_GRACE_DAYS);
            }
            reference = reference == null ? Optional.empty() : reference.map(r -> Text.required("reference", r, 200));
            if (graceDays == 0 && reference.isEmpty()) {
                throw new InvalidInputException("reference", "is required when graceDays is 0: name the customer's"
                        + " request for immediate deletion");
            }
        }
    }

    private final AccessControl access;
    private final CancellationStore cancellations;
    private final AdvanceCancellations advance;
    private final PurgeTenant purge;
    private final CancellationNotices notices;
    private final TenantStore tenants;
    private final Clock clock;

    /** The ports the cancellation's steps use, besides the access control. */
    public record Ports(CancellationStore cancellations, TenantStore tenants, ExportStore exports,
                        ExportJobs exportJobs, PurgeJobs purgeJobs, KeyEncryptionKeys keks,
                        List<TenantDataSet> data, TenantDataSet notifications, NoticeStore notices,
                        NoticeJobs noticeJobs) {
    }

    public Cancellations(AccessControl access, Ports ports, DeletionCertificates certificates,
                         DeliverNotices deliver, AuditRecorder audit, Clock clock) {
        this.access = access;
        this.cancellations = ports.cancellations();
        this.tenants = ports.tenants();
        this.notices = new CancellationNotices(ports.notices(), ports.noticeJobs(), clock);
        this.advance = new AdvanceCancellations(ports.cancellations(), ports.tenants(), ports.exports(),
                ports.exportJobs(), ports.purgeJobs(), notices, audit, clock);
        this.purge = new PurgeTenant(ports.cancellations(), ports.tenants(), ports.keks(), ports.data(),
                ports.notifications(), certificates, notices, deliver, audit, clock);
        this.clock = clock;
    }

    public AdvanceCancellations advance() {
        return advance;
    }

    public PurgeTenant purge() {
        return purge;
    }

    /** Starts the tenant's cancellation and moves it as far as it goes at once (immediately to the purge, for 0 days). */
    public Cancellation request(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CANCELLATION_REQUEST, command.tenant(),
                AdvanceCancellations.target(command.tenant()), requestId);
        Optional<Cancellation> existing = cancellations.find(command.tenant());
        if (existing.filter(c -> c.state() == State.PURGED).isPresent()
                || scope.tenant().status() == TenantStatus.DELETED) {
            throw scope.failed(new GoneException("tenant " + command.tenant() + " was purged"));
        }
        if (existing.filter(c -> c.state().open()).isPresent()) {
            throw scope.failed(new ConflictException("tenant " + command.tenant() + " is already being cancelled ("
                    + existing.get().state().name().toLowerCase(Locale.ROOT) + ")"));
        }
        Cancellation requested = Cancellation.requested(command.tenant(), UUID.randomUUID().toString(),
                command.graceDays(), command.reference(), command.exportFirst(), caller.subject(), clock.instant());
        RequestScope change = scope.attempting();
        Cancellation stored;
        try {
            stored = existing.isPresent() ? cancellations.replace(requested.withVersion(existing.get().version()))
                    : cancellations.create(requested);
        } catch (PreconditionFailedException | ConflictException e) {
            throw change.failed(new ConflictException("tenant " + command.tenant() + " was cancelled meanwhile"));
        }
        notices.requested(stored);
        Cancellation advanced = advance.advance(stored, requestId);
        change.succeeded();
        return advanced;
    }

    /** Reverses the tenant's cancellation while it is still reversible: the tenant is served again as before. */
    public Cancellation revoke(Caller caller, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CANCELLATION_REVOKE, tenant,
                AdvanceCancellations.target(tenant), requestId);
        Cancellation current = cancellations.find(tenant).filter(c -> c.state() != State.REVOKED)
                .orElseThrow(() -> scope.failed(new NotFoundException("tenant " + tenant + " is not being cancelled")));
        if (!current.state().revocable()) {
            throw scope.failed(new ConflictException("the purge of tenant " + tenant + " has begun; it cannot be"
                    + " reversed"));
        }
        RequestScope change = scope.attempting();
        Cancellation revoked;
        try {
            revoked = cancellations.replace(current.entering(State.REVOKED, clock.instant()));
        } catch (PreconditionFailedException e) {
            throw change.failed(new ConflictException("the cancellation of tenant " + tenant + " moved on meanwhile;"
                    + " read it and try again"));
        }
        tenants.changeStatus(tenant, TenantStatus.ACTIVE);
        notices.revoked(revoked);
        change.succeeded();
        return revoked;
    }

    public Cancellation read(Caller caller, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CANCELLATION_READ, tenant,
                AdvanceCancellations.target(tenant), requestId);
        Cancellation found = cancellations.find(tenant)
                .orElseThrow(() -> scope.failed(new NotFoundException("tenant " + tenant + " was never cancelled")));
        scope.succeeded();
        return found;
    }

    /** The signed deletion certificate of a purged tenant. */
    public String certificate(Caller caller, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CANCELLATION_CERTIFICATE, tenant,
                AdvanceCancellations.target(tenant).and("certificate"), requestId);
        Cancellation found = cancellations.find(tenant)
                .orElseThrow(() -> scope.failed(new NotFoundException("tenant " + tenant + " was never cancelled")));
        String certificate = found.purge().certificate().orElseThrow(() -> scope.failed(new ConflictException(
                "tenant " + tenant + " is not purged yet; its certificate is issued when the purge completes")));
        scope.succeeded();
        return certificate;
    }
}
