package com.strongroom.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the tamper-evident audit trail (docs/formats.md). Holds ids and names only: never file content, key
 * material or a data subject's identifier in clear.
 *
 * @param tenantId  the tenant the event belongs to, or {@link #STAMP} for events outside any tenant
 * @param actor     the caller as {@code <oid>@<tid>} (Entra object and tenant ids), {@code system}, or {@code anonymous}
 * @param role      the caller's roles, comma-separated
 * @param action    what was attempted, e.g. {@code tenant.create}
 * @param target    what it was attempted on, e.g. {@code tenants/acme}
 * @param purpose   why, when the caller stated it (consent grants)
 * @param grantId   the consent grant used, if any
 * @param ticket    the support ticket that grant was given for, if any
 * @param outcome   how it ended
 * @param requestId correlates with the request's logs
 * @param eventClass decides retention
 * @param count     how many requests the event stands for, when it stands for more than one (refusals of callers
 *                  nobody could identify, counted per source and minute)
 */
public record AuditEvent(String id, String tenantId, Instant at, String actor, String role, String action,
                         String target, Optional<String> purpose, Optional<String> grantId, Optional<String> ticket,
                         Outcome outcome,
                         String requestId, EventClass eventClass, Optional<Long> count) {
    public static final String STAMP = "_stamp";
    public static final String ANONYMOUS = "anonymous";

    /** {@code ATTEMPTED} is recorded before a change is made; the outcome of the same request id follows it. */
    public enum Outcome { ATTEMPTED, SUCCESS, DENIED, FAILED }

    /** Access events are kept at least 14 days, security and admin events at least 12 months. */
    public enum EventClass { ACCESS, ADMIN, SECURITY }

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(eventClass, "eventClass");
        count = count == null ? Optional.empty() : count;
    }

    /** An event that stands for one request. */
    public AuditEvent(String id, String tenantId, Instant at, String actor, String role, String action, String target,
                      Optional<String> purpose, Optional<String> grantId, Optional<String> ticket, Outcome outcome,
                      String requestId, EventClass eventClass) {
        this(id, tenantId, at, actor, role, action, target, purpose, grantId, ticket, outcome, requestId, eventClass,
                Optional.empty());
    }
}
