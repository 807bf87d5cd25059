package com.strongroom.core.access;

import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One authorised request: who acts (under a consent grant, for support staff), which operation, on which tenant
 * and target, under which request id. What the request comes to is recorded through it, so a use case never
 * threads those five values into the audit trail by hand.
 *
 * <p>A request that changes something records its attempt first ({@link #attempting()}): if the trail cannot take
 * it, the request fails with nothing changed. From then on the attempt is the durable record of the change, so a
 * trail that fails while the outcome is recorded does not turn a change already made into an error the caller would
 * read as "nothing happened".
 */
public final class RequestScope {
    private static final Logger LOG = Logger.getLogger(RequestScope.class.getName());

    private final AuditRecorder audit;
    private final Caller caller;
    private final Operation operation;
    private final Optional<Tenant> tenant;
    private final Target target;
    private final String requestId;
    private final String trail;
    private final boolean attempted;

    RequestScope(AuditRecorder audit, Caller caller, Operation operation, Optional<Tenant> tenant, Target target,
                 String requestId) {
        this(audit, caller, operation, tenant, target, requestId,
                tenant.map(t -> t.id().value()).orElse(AuditEvent.STAMP), false);
    }

    private RequestScope(AuditRecorder audit, Caller caller, Operation operation, Optional<Tenant> tenant,
                         Target target, String requestId, String trail, boolean attempted) {
        this.audit = audit;
        this.caller = caller;
        this.operation = operation;
        this.tenant = tenant;
        this.target = target;
        this.requestId = requestId;
        this.trail = trail;
        this.attempted = attempted;
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
        return new RequestScope(audit, caller, operation, tenant, other, requestId, trail, attempted);
    }

    /** The same request, recorded in the trail of {@code created} (a tenant that does not exist yet). */
    public RequestScope in(TenantId created) {
        return new RequestScope(audit, caller, operation, tenant, target, requestId, created.value(), attempted);
    }

    /**
     * Records that the request is about to change what it was authorised for, before anything changes, and returns
     * the scope to record the outcome through. Throws, with nothing changed, when the trail cannot take it.
     */
    public RequestScope attempting() {
        audit.attempted(caller, operation, trail, target.path(), requestId);
        return new RequestScope(audit, caller, operation, tenant, target, requestId, trail, true);
    }

    public void succeeded() {
        outcome(() -> audit.success(caller, operation, trail, target.path(), requestId));
    }

    /** A further operation the request performed (and was authorised for), such as a legal hold within an update. */
    public void succeeded(Operation also) {
        outcome(() -> audit.success(caller, also, trail, target.path(), requestId));
    }

    /** Records that the allowed request did not succeed, and returns {@code failure} for the caller to throw. */
    public <E extends RuntimeException> E failed(E failure) {
        outcome(() -> audit.failed(caller, operation, trail, target.path(), requestId));
        return failure;
    }

    /** Records a refusal made after authorisation (giving a grant to oneself, for instance). */
    public <E extends RuntimeException> E denied(E failure) {
        outcome(() -> audit.denied(Optional.of(caller), operation.action(), trail, target.path(), requestId));
        return failure;
    }

    /** Records evidence of tampering as a security event named {@code action}, and returns {@code failure}. */
    public <E extends RuntimeException> E securityIncident(String action, E failure) {
        outcome(() -> audit.securityIncident(caller, action, trail, target.path(), requestId));
        return failure;
    }

    /**
     * Records an outcome. Before an attempt is recorded, a trail that fails fails the request (nothing is served or
     * changed without its event); after it, the attempt already holds the change, so the failure is only logged.
     */
    private void outcome(Runnable record) {
        if (!attempted) {
            record.run();
            return;
        }
        try {
            record.run();
        } catch (RuntimeException e) {
            LOG.warning("outcome of " + operation.action() + " in request " + requestId
                    + " not recorded; its attempt is: " + e.getClass().getName());
        }
    }
}
