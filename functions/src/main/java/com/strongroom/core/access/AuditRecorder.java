package com.strongroom.core.access;

import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.AuditEvent.Outcome;
import com.strongroom.core.model.Caller;
import com.strongroom.core.port.AuditTrail;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Builds audit events from what use cases know and hands them to the trail. */
public final class AuditRecorder {
    private final AuditTrail trail;
    private final Clock clock;

    public AuditRecorder(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    public void success(Caller caller, Operation operation, String tenantId, String target, String requestId) {
        record(caller, operation.action(), operation.eventClass(), tenantId, target, Outcome.SUCCESS, requestId);
    }

    public void denied(Optional<Caller> caller, String action, String tenantId, String target, String requestId) {
        record(caller.orElse(null), action, EventClass.SECURITY, tenantId, target, Outcome.DENIED, requestId);
    }

    /** An allowed attempt that did not succeed (nothing there, a conflict, a failed check). */
    public void failed(Caller caller, Operation operation, String tenantId, String target, String requestId) {
        record(caller, operation.action(), operation.eventClass(), tenantId, target, Outcome.FAILED, requestId);
    }

    /** Evidence of tampering or another threat, kept as long as security events are. */
    public void securityIncident(Caller caller, String action, String tenantId, String target, String requestId) {
        record(caller, action, EventClass.SECURITY, tenantId, target, Outcome.FAILED, requestId);
    }

    private void record(Caller caller, String action, EventClass eventClass, String tenantId, String target,
                        Outcome outcome, String requestId) {
        trail.record(new AuditEvent(UUID.randomUUID().toString(), tenantId, clock.instant(),
                caller == null ? AuditEvent.ANONYMOUS : caller.subject(),
                caller == null ? "" : caller.rolesForAudit(),
                action, target, Optional.empty(), Optional.empty(), outcome, requestId, eventClass));
    }
}
