package com.strongroom.core.consent;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.GrantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a Tenant.Admin does with the grants already given: list them with their state, read one, revoke one (at
 * once: every support request reads the grant anew), and see every access made under one, from the audit trail.
 */
public final class ConsentGrants {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    private static final int REVOKE_ATTEMPTS = 5;

    /** A grant and its state at the time it was read. */
    public record Stated(ConsentGrant grant, ConsentGrant.Status status) {
    }

    public record Listing(List<Stated> grants, Optional<String> continuation) {
    }

    public record Paging(int pageSize, Optional<String> continuation) {
        public Paging {
            PageSize.checked(pageSize, MAX_PAGE_SIZE);
            continuation = continuation == null ? Optional.empty() : continuation;
        }
    }

    private final AccessControl access;
    private final GrantStore grants;
    private final AuditLog auditLog;
    private final Clock clock;

    public ConsentGrants(AccessControl access, GrantStore grants, AuditLog auditLog, Clock clock) {
        this.access = access;
        this.grants = grants;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public Listing list(Caller caller, TenantId tenantId, Paging paging, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CONSENT_LIST, tenantId,
                Target.tenant(tenantId).and("consent-grants"), requestId);
        GrantStore.Page page = grants.list(tenantId, paging.pageSize(), paging.continuation());
        scope.succeeded();
        Instant now = clock.instant();
        return new Listing(page.grants().stream().map(g -> new Stated(g, g.statusAt(now))).toList(),
                page.continuation());
    }

    public Stated read(Caller caller, TenantId tenantId, GrantId id, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CONSENT_READ, tenantId,
                Target.grant(tenantId, id), requestId);
        ConsentGrant grant = existing(scope, id);
        scope.succeeded();
        return new Stated(grant, grant.statusAt(clock.instant()));
    }

    /** Revokes a grant; revoking it again changes nothing. */
    public Stated revoke(Caller caller, TenantId tenantId, GrantId id, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CONSENT_REVOKE, tenantId,
                Target.grant(tenantId, id), requestId);
        RequestScope change = null;
        for (int attempt = 1; ; attempt++) {
            ConsentGrant grant = existing(scope, id);
            if (grant.revocation().isPresent()) {
                return new Stated(grant, ConsentGrant.Status.REVOKED);
            }
            change = change == null ? scope.attempting() : change;
            try {
                ConsentGrant revoked = grants.replace(grant.revoked(
                        new ConsentGrant.Revocation(clock.instant(), caller.subject())));
                change.succeeded();
                return new Stated(revoked, ConsentGrant.Status.REVOKED);
            } catch (PreconditionFailedException e) {
                // A first use or the expiry sweep wrote the grant since it was read: read it again.
                if (attempt == REVOKE_ATTEMPTS) {
                    throw change.failed(e);
                }
            }
        }
    }

    /** Every audited access under a grant, denied ones included, newest first. */
    public AuditLog.Page accesses(Caller caller, TenantId tenantId, GrantId id, Paging paging, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CONSENT_ACCESSES, tenantId,
                Target.grant(tenantId, id).and("accesses"), requestId);
        existing(scope, id);
        AuditLog.Page page = auditLog.query(new AuditLog.Query(tenantId.value(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(id.value()), paging.pageSize(),
                paging.continuation()));
        scope.succeeded();
        return page;
    }

    /** The grant, or a 404 recorded against the grant. */
    private ConsentGrant existing(RequestScope scope, GrantId id) {
        TenantId tenant = scope.tenant().id();
        return grants.find(tenant, id).orElseThrow(() -> scope.at(Target.grant(tenant, id))
                .failed(new NotFoundException("no consent grant " + id + " in tenant " + tenant)));
    }
}
