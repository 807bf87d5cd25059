package com.strongroom.core.consent;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.GrantId;
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
    private final AuditRecorder audit;
    private final Clock clock;

    public ConsentGrants(AccessControl access, GrantStore grants, AuditLog auditLog, AuditRecorder audit,
                         Clock clock) {
        this.access = access;
        this.grants = grants;
        this.auditLog = auditLog;
        this.audit = audit;
        this.clock = clock;
    }

    public Listing list(Caller caller, TenantId tenantId, Paging paging, String requestId) {
        String target = "tenants/" + tenantId + "/consent-grants";
        Tenant tenant = access.authorizeTenant(caller, Operation.CONSENT_LIST, tenantId, target, requestId);
        GrantStore.Page page = grants.list(tenant.id(), paging.pageSize(), paging.continuation());
        audit.success(caller, Operation.CONSENT_LIST, tenant.id().value(), target, requestId);
        Instant now = clock.instant();
        return new Listing(page.grants().stream().map(g -> new Stated(g, g.statusAt(now))).toList(),
                page.continuation());
    }

    public Stated read(Caller caller, TenantId tenantId, GrantId id, String requestId) {
        String target = target(tenantId, id);
        Tenant tenant = access.authorizeTenant(caller, Operation.CONSENT_READ, tenantId, target, requestId);
        ConsentGrant grant = existing(caller, Operation.CONSENT_READ, tenant, id, requestId);
        audit.success(caller, Operation.CONSENT_READ, tenant.id().value(), target, requestId);
        return new Stated(grant, grant.statusAt(clock.instant()));
    }

    /** Revokes a grant; revoking it again changes nothing. */
    public Stated revoke(Caller caller, TenantId tenantId, GrantId id, String requestId) {
        String target = target(tenantId, id);
        Tenant tenant = access.authorizeTenant(caller, Operation.CONSENT_REVOKE, tenantId, target, requestId);
        for (int attempt = 1; ; attempt++) {
            ConsentGrant grant = existing(caller, Operation.CONSENT_REVOKE, tenant, id, requestId);
            if (grant.revocation().isPresent()) {
                return new Stated(grant, ConsentGrant.Status.REVOKED);
            }
            try {
                ConsentGrant revoked = grants.replace(grant.revoked(
                        new ConsentGrant.Revocation(clock.instant(), caller.subject())));
                audit.success(caller, Operation.CONSENT_REVOKE, tenant.id().value(), target, requestId);
                return new Stated(revoked, ConsentGrant.Status.REVOKED);
            } catch (PreconditionFailedException e) {
                // A first use or the expiry sweep wrote the grant since it was read: read it again.
                if (attempt == REVOKE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Every audited access under a grant, denied ones included, newest first. */
    public AuditLog.Page accesses(Caller caller, TenantId tenantId, GrantId id, Paging paging, String requestId) {
        String target = target(tenantId, id) + "/accesses";
        Tenant tenant = access.authorizeTenant(caller, Operation.CONSENT_ACCESSES, tenantId, target, requestId);
        existing(caller, Operation.CONSENT_ACCESSES, tenant, id, requestId);
        AuditLog.Page page = auditLog.query(new AuditLog.Query(tenant.id().value(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(id.value()), paging.pageSize(),
                paging.continuation()));
        audit.success(caller, Operation.CONSENT_ACCESSES, tenant.id().value(), target, requestId);
        return page;
    }

    private ConsentGrant existing(Caller caller, Operation operation, Tenant tenant, GrantId id, String requestId) {
        return grants.find(tenant.id(), id).orElseThrow(() -> {
            audit.failed(caller, operation, tenant.id().value(), target(tenant.id(), id), requestId);
            return new NotFoundException("no consent grant " + id + " in tenant " + tenant.id());
        });
    }

    private static String target(TenantId tenant, GrantId id) {
        return "tenants/" + tenant + "/consent-grants/" + id;
    }
}
