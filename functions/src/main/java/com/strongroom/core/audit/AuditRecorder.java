package com.strongroom.core.audit;

import com.strongroom.core.access.Operation;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.AuditEvent.Outcome;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.port.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Builds audit events from what use cases know and hands them to the trail. */
public final class AuditRecorder {
    public static final String SYSTEM = "system";

    private final AuditTrail trail;
    private final Clock clock;

    public AuditRecorder(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    public void success(Caller caller, Operation operation, String tenantId, String target, String requestId) {
        record(caller, operation.action(), operation.eventClass(), tenantId, target, Outcome.SUCCESS, requestId);
    }

    /** A change about to be made, recorded before it is, so that no change is ever without its event. */
    public void attempted(Caller caller, Operation operation, String tenantId, String target, String requestId) {
        record(caller, operation.action(), operation.eventClass(), tenantId, target, Outcome.ATTEMPTED, requestId);
    }

    public void denied(Optional<Caller> caller, String action, String tenantId, String target, String requestId) {
        record(caller.orElse(null), action, EventClass.SECURITY, tenantId, target, Outcome.DENIED, requestId);
    }

    /** An allowed attempt that did not succeed (nothing there, a conflict, a failed check). */
    public void failed(Caller caller, Operation operation, String tenantId, String target, String requestId) {
        record(caller, operation.action(), operation.eventClass(), tenantId, target, Outcome.FAILED, requestId);
    }

    /** A security event a caller caused in a tenant's trail (an incident that affects it), kept as security events are. */
    public void security(Caller caller, Operation operation, String tenantId, String target, String requestId) {
        record(caller, operation.action(), EventClass.SECURITY, tenantId, target, Outcome.SUCCESS, requestId);
    }

    /** Evidence of tampering or another threat, kept as long as security events are. */
    public void securityIncident(Caller caller, String action, String tenantId, String target, String requestId) {
        record(caller, action, EventClass.SECURITY, tenantId, target, Outcome.FAILED, requestId);
    }

    /**
     * {@code count} refusals of unidentified callers from one source, counted together and recorded at {@code at}
     * against {@code target}; {@code requestId} is the first of them.
     */
    public void repeatedRefusals(String action, String target, long count, Instant at, String requestId) {
        trail.record(new AuditEvent(UUID.randomUUID().toString(), AuditEvent.STAMP, at, AuditEvent.ANONYMOUS, "",
                action, target, Optional.empty(), Optional.empty(), Optional.empty(), Outcome.DENIED, requestId,
                EventClass.SECURITY, Optional.of(count)));
    }

    /** Something Strongroom did by itself (a timer, a sweep), with {@code system} as the actor. */
    public void system(Operation operation, String tenantId, String target, String requestId) {
        system(operation, tenantId, target, Optional.empty(), requestId);
    }

    /** Something Strongroom did by itself, with a purpose that says what it produced (ids and hashes only). */
    public void system(Operation operation, String tenantId, String target, String purpose, String requestId) {
        system(operation, tenantId, target, Optional.of(purpose), requestId);
    }

    private void system(Operation operation, String tenantId, String target, Optional<String> purpose,
                        String requestId) {
        trail.record(new AuditEvent(UUID.randomUUID().toString(), tenantId, clock.instant(), SYSTEM, "",
                operation.action(), target, purpose, Optional.empty(), Optional.empty(), Outcome.SUCCESS,
                requestId, operation.eventClass()));
    }

    private void record(Caller caller, String action, EventClass eventClass, String tenantId, String target,
                        Outcome outcome, String requestId) {
        Optional<ConsentGrant> consent = caller == null ? Optional.empty() : caller.consent();
        // The grant is named by its id only: its free-text purpose and ticket stay on the grant, where they can be
        // redacted, instead of being copied into a hash-linked chain that can never forget them.
        trail.record(new AuditEvent(UUID.randomUUID().toString(), tenantId, clock.instant(),
                caller == null ? AuditEvent.ANONYMOUS : caller.auditName(),
                caller == null ? "" : caller.rolesForAudit(),
                action, target, Optional.empty(), consent.map(g -> g.id().value()), Optional.empty(), outcome,
                requestId, eventClass));
    }
}
