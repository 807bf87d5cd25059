package com.strongroom.core.access;

import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import java.util.Optional;

/**
 * One authorised request: who acts (under a consent grant, for support staff), which operation, on which tenant
 * and target, under which request id. What the request comes to is recorded through it, so a use case never
 * threads those five values into the audit trail by hand.
 */
public final class RequestScope {
    private final AuditRecorder audit;
    private final Caller caller;
    private final Operation operation;
    private final Optional<Tenant> tenant;
    private final Target target;
    private final String requestId;

    RequestScope(AuditRecorder audit, Caller caller, Operation operation, Optional<Tenant> tenant, Target target,
                 String requestId) {
        this.audit = audit;
        this.caller = caller;
        this.operation = operation;
        this.tenant = tenant;
        this.target = target;
        this.requestId = requestId;
    }

    public Caller caller() {
        return caller;
    }

    public Operation operation() {
        return operation;
    }

    /** The tenant the request was authorised for. */
    public Tenant tenant() {
        return tenant.orElseThrow(() -> new IllegalStateException(operation.action() + " acts on no tenant"));
    }

    public Target target() {
        return target;
    }

    public String requestId() {
        return requestId;
    }

    /** The same request, recorded against another target (the asset an upload made, for instance). */
    public RequestScope at(Target other) {
        return new RequestScope(audit, caller, operation, tenant, other, requestId);
    }

    /** The same request, recorded in the trail of {@code created} (a tenant that did not exist when it began). */
    public RequestScope in(Tenant created) {
        return new RequestScope(audit, caller, operation, Optional.of(created), target, requestId);
    }

    public void succeeded() {
        audit.success(caller, operation, trail(), target.path(), requestId);
    }

    /** A further operation the request performed (and was authorised for), such as a legal hold within an update. */
    public void succeeded(Operation also) {
        audit.success(caller, also, trail(), target.path(), requestId);
    }

    /** Records that the allowed request did not succeed, and returns {@code failure} for the caller to throw. */
    public <E extends RuntimeException> E failed(E failure) {
        audit.failed(caller, operation, trail(), target.path(), requestId);
        return failure;
    }

    /** Records a refusal made after authorisation (giving a grant to oneself, for instance). */
    public <E extends RuntimeException> E denied(E failure) {
        audit.denied(Optional.of(caller), operation.action(), trail(), target.path(), requestId);
        return failure;
    }

    /** Records evidence of tampering as a security event named {@code action}, and returns {@code failure}. */
    public <E extends RuntimeException> E securityIncident(String action, E failure) {
        audit.securityIncident(caller, action, trail(), target.path(), requestId);
        return failure;
    }

    private String trail() {
        return tenant.map(t -> t.id().value()).orElse(AuditEvent.STAMP);
    }
}
