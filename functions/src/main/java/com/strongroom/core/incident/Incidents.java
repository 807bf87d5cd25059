package com.strongroom.core.incident;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.ContactStore;
import com.strongroom.core.port.IncidentStore;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.SendLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The Security.Officer's incident routes: preview and declare (the affected tenants, records and data subjects
 * derived from the audit trail), the register of Art. 33(5) with each tenant's Art. 33(3) draft and notice state,
 * notify (one notice per affected tenant, through the notifier), follow-up updates (Art. 33(4)) and close.
 */
public final class Incidents {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    private static final int CHANGE_ATTEMPTS = 5;

    private final AccessControl access;
    private final IncidentStore incidents;
    private final AffectedScope scopes;
    private final NoticeStore notices;
    private final ContactStore contacts;
    private final SendLedger ledger;
    private final NoticeJobs jobs;
    private final AuditRecorder audit;
    private final Clock clock;
    private final int sendsPerMinute;

    /** What declaring would record: the affected tenants with their counts, and the totals. */
    public record Preview(List<Incident.Affected> affected, long events, long records, long subjects) {
        static Preview of(List<Incident.Affected> affected) {
            return new Preview(affected, affected.stream().mapToLong(Incident.Affected::events).sum(),
                    affected.stream().mapToLong(Incident.Affected::records).sum(),
                    affected.stream().mapToLong(Incident.Affected::subjects).sum());
        }
    }

    /** One affected tenant in the register: its counts, its draft, whether it can be reached, and its notices. */
    public record TenantPart(Incident.Affected affected, Art33Draft draft, boolean unreachable,
                             Map<Delivery.State, Integer> deliveries) {
    }

    /** The register's view of one incident. */
    public record Register(Incident incident, Duration left, boolean overdue, List<TenantPart> tenants,
                           Optional<Instant> noticesOutBy) {
    }

    public record Paging(int pageSize, Optional<String> continuation) {
        public Paging {
            PageSize.checked(pageSize, MAX_PAGE_SIZE);
            continuation = continuation == null ? Optional.empty() : continuation;
        }
    }

    public Incidents(AccessControl access, IncidentStore incidents, AuditLog auditLog, AssetStore assets,
                     NoticeStore notices, ContactStore contacts, SendLedger ledger,
                     NoticeJobs jobs, AuditRecorder audit, Clock clock, int sendsPerMinute) {
        this.access = access;
        this.incidents = incidents;
        this.scopes = new AffectedScope(auditLog, assets);
        this.notices = notices;
        this.contacts = contacts;
        this.ledger = ledger;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
        this.sendsPerMinute = sendsPerMinute;
    }

    public Preview preview(Caller caller, DeclareCommand command, String requestId) {
        RequestScope scope = access.authorize(caller, Operation.INCIDENT_PREVIEW, new Target("incidents/preview"),
                requestId);
        checked(scope, command);
        Preview preview = Preview.of(scopes.derive(command.windowFrom(), command.windowTo(), command.scope()));
        scope.succeeded();
        return preview;
    }

    /**
     * Records the incident and a security event in each affected tenant's trail. The events come first: an incident
     * in the register always has them (a failure before it is stored leaves events naming an incident never
     * declared, and the officer declares it again).
     */
    public Register declare(Caller caller, DeclareCommand command, String requestId) {
        String id = UUID.randomUUID().toString();
        RequestScope scope = access.authorize(caller, Operation.INCIDENT_DECLARE, target(id), requestId);
        checked(scope, command);
        List<Incident.Affected> affected = scopes.derive(command.windowFrom(), command.windowTo(), command.scope());
        RequestScope change = scope.attempting();
        for (Incident.Affected tenant : affected) {
            audit.security(caller, Operation.INCIDENT_DECLARE, tenant.tenantId().value(), target(id).path(), requestId);
        }
        Incident stored = incidents.create(new Incident(id, command.title(), command.nature(), command.description(),
                command.detectedAt(), command.windowFrom(), command.windowTo(), command.scope(),
                command.keysExposed(), command.likelyConsequences(), command.measures(), command.contact(),
                clock.instant(), caller.auditName(), affected, List.of(), Optional.empty(), Optional.empty(), ""));
        change.succeeded();
        return register(stored);
    }

    public IncidentStore.Page list(Caller caller, Paging paging, String requestId) {
        RequestScope scope = access.authorize(caller, Operation.INCIDENT_LIST, new Target("incidents"), requestId);
        IncidentStore.Page page = incidents.list(paging.pageSize(), paging.continuation());
        scope.succeeded();
        return page;
    }

    public Register read(Caller caller, String id, String requestId) {
        RequestScope scope = access.authorize(caller, Operation.INCIDENT_READ, target(id), requestId);
        Incident incident = existing(scope, id);
        scope.succeeded();
        return register(incident);
    }

    /**
     * One notice per affected tenant to all its contacts; asking again queues nothing twice (the ledger). Answers the
     * incident, not the register, which reads every tenant's notices: {@link #read} for that.
     */
    public Incident notify(Caller caller, String id, String requestId) {
        RequestScope scope = access.authorize(caller, Operation.INCIDENT_NOTIFY, target(id), requestId);
        Incident incident = existing(scope, id);
        if (incident.closed()) {
            throw scope.failed(new ConflictException("incident " + id + " is closed"));
        }
        RequestScope change = scope.attempting();
        Incident notified = change(scope, id, i -> i.notified(clock.instant()));
        for (Incident.Affected affected : notified.affected()) {
            send(IncidentNotices.first(notified, affected));
        }
        change.succeeded();
        return notified;
    }

    /** A follow-up (Art. 33(4)): recorded on the incident, then sent to every affected tenant as its own notice. */
    public Incident update(Caller caller, String id, String text, String requestId) {
        RequestScope scope = access.authorize(caller, Operation.INCIDENT_UPDATE, target(id), requestId);
        String checkedText = Text.paragraphs("text", text, DeclareCommand.MAX_TEXT);
        Incident incident = existing(scope, id);
        if (incident.closed()) {
            throw scope.failed(new ConflictException("incident " + id + " is closed"));
        }
        if (incident.notifiedAt().isEmpty()) {
            throw scope.failed(new ConflictException("incident " + id + " was not notified yet: notify first"));
        }
        RequestScope change = scope.attempting();
        Incident updated = change(scope, id, i -> i.withUpdate(new Incident.Update(i.updates().size() + 1, checkedText,
                clock.instant(), caller.auditName())));
        Incident.Update update = updated.updates().get(updated.updates().size() - 1);
        for (Incident.Affected affected : updated.affected()) {
            send(IncidentNotices.update(updated, affected, update));
        }
        change.succeeded();
        return updated;
    }

    public Incident close(Caller caller, String id, String requestId) {
        RequestScope scope = access.authorize(caller, Operation.INCIDENT_CLOSE, target(id), requestId);
        Incident incident = existing(scope, id);
        if (incident.closed()) {
            scope.succeeded();
            return incident;
        }
        RequestScope change = scope.attempting();
        Incident closed = change(scope, id, i -> i.closed() ? i : i.closedAt(clock.instant()));
        change.succeeded();
        return closed;
    }

    private void send(Notice notice) {
        notices.createIfAbsent(notice);
        jobs.enqueue(notice.tenantId(), notice.id(), Duration.ZERO);
    }

    private Incident change(RequestScope scope, String id, UnaryOperator<Incident> edit) {
        for (int attempt = 1; ; attempt++) {
            Incident current = existing(scope, id);
            try {
                return incidents.replace(edit.apply(current));
            } catch (PreconditionFailedException e) {
                if (attempt == CHANGE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Register register(Incident incident) {
        Instant now = clock.instant();
        int pending = 0;
        List<TenantPart> parts = new java.util.ArrayList<>();
        for (Incident.Affected affected : incident.affected()) {
            List<Delivery> deliveries = new java.util.ArrayList<>();
            for (int sequence = 0; sequence <= incident.updates().size(); sequence++) {
                deliveries.addAll(ledger.forNotice(affected.tenantId(), NoticeId.incident(incident.id(), sequence)));
            }
            Map<Delivery.State, Integer> counts = Delivery.countByState(deliveries);
            boolean unreachable = contacts.find(affected.tenantId()).orElse(Contacts.none())
                    .recipients(Contacts.Audience.ALL_CONTACTS).isEmpty();
            pending += counts.getOrDefault(Delivery.State.PENDING, 0) + counts.getOrDefault(Delivery.State.SENDING, 0);
            parts.add(new TenantPart(affected, Art33Draft.of(incident, affected), unreachable, counts));
        }
        Duration sendTime = Duration.ofMinutes((pending + sendsPerMinute - 1L) / sendsPerMinute);
        Optional<Instant> outBy = incident.notifiedAt().map(n -> now.plus(sendTime));
        Duration left = Duration.between(now, incident.notifyBy());
        return new Register(incident, left, left.isNegative() && incident.notifiedAt().isEmpty(), parts, outBy);
    }

    private void checked(RequestScope scope, DeclareCommand command) {
        if (command.detectedAt().isAfter(clock.instant())) {
            throw scope.failed(new InvalidInputException("detectedAt", "is in the future"));
        }
        for (TenantId tenant : command.scope().tenants()) {
            if (!access.holds(tenant)) {
                throw scope.failed(new InvalidInputException("scope.tenants", "names " + tenant
                        + ", which is not a tenant of this stamp: declare it in the tenant's own stamp"));
            }
        }
    }

    private Incident existing(RequestScope scope, String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw scope.failed(new NotFoundException("incident " + id + " not found"));
        }
        return incidents.find(id).orElseThrow(() -> scope.failed(new NotFoundException("incident " + id + " not found")));
    }

    private static Target target(String id) {
        return new Target("incidents/" + id);
    }
}
