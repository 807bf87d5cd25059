package com.strongroom.core.access;

import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantStore;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a caller may perform an operation, in this order: role (403), tenant scope (403),
 * home region (421, before any tenant data is read), tenant existence (404). Every refusal is audited
 * before it is reported.
 */
public final class AccessControl {
    private final Region stampRegion;
    private final TenantStore tenants;
    private final AuditRecorder audit;

    public AccessControl(Region stampRegion, TenantStore tenants, AuditRecorder audit) {
        this.stampRegion = stampRegion;
        this.tenants = tenants;
        this.audit = audit;
    }

    public Region stampRegion() {
        return stampRegion;
    }

    /** Authorises an operation that acts on no particular tenant. */
    public void authorize(Caller caller, Operation operation, String target, String requestId) {
        if (grantingRoles(caller, operation).isEmpty()) {
            deny(caller, operation, AuditEvent.STAMP, target, requestId, "role not allowed to " + operation.action());
        }
    }

    /** Authorises an operation on one tenant and returns that tenant. */
    public Tenant authorizeTenant(Caller caller, Operation operation, TenantId tenantId, String target,
                                  String requestId) {
        Set<Role> granting = grantingRoles(caller, operation);
        if (granting.isEmpty()) {
            deny(caller, operation, trailFor(tenantId), target, requestId, "role not allowed to " + operation.action());
        }
        boolean actsForAnyTenant = granting.stream().anyMatch(r -> r.kind() == Role.Kind.VENDOR);
        if (!actsForAnyTenant && !caller.tenant().equals(Optional.of(tenantId))) {
            deny(caller, operation, AuditEvent.STAMP, target, requestId, "caller does not belong to this tenant");
        }
        Optional<Region> claimedHome = caller.tenant().equals(Optional.of(tenantId)) ? caller.homeRegion() : Optional.empty();
        if (claimedHome.isPresent() && claimedHome.get() != stampRegion) {
            audit.denied(Optional.of(caller), operation.action(), AuditEvent.STAMP, target, requestId);
            throw new MisdirectedException(claimedHome.get());
        }
        Tenant tenant = tenants.find(tenantId).orElse(null);
        if (tenant == null) {
            audit.denied(Optional.of(caller), operation.action(), AuditEvent.STAMP, target, requestId);
            throw new NotFoundException("no tenant " + tenantId + " in this stamp");
        }
        if (tenant.homeRegion() != stampRegion) {
            audit.denied(Optional.of(caller), operation.action(), AuditEvent.STAMP, target, requestId);
            throw new MisdirectedException(tenant.homeRegion());
        }
        return tenant;
    }

    /**
     * Authorises a further operation within a request already authorised for the tenant (for example a legal
     * hold inside a metadata change).
     */
    public void authorizeAlso(Caller caller, Operation operation, Tenant tenant, String target, String requestId) {
        if (grantingRoles(caller, operation).isEmpty()) {
            deny(caller, operation, tenant.id().value(), target, requestId, "role not allowed to " + operation.action());
        }
    }

    /** Records a request refused before any caller could be identified. */
    public void recordUnauthenticated(String action, Optional<TenantId> tenantId, String target, String requestId) {
        audit.denied(Optional.empty(), action, tenantId.map(this::trailFor).orElse(AuditEvent.STAMP), target, requestId);
    }

    private static Set<Role> grantingRoles(Caller caller, Operation operation) {
        return operation.allowedRoles().stream().filter(caller::has).collect(Collectors.toUnmodifiableSet());
    }

    /** A refusal concerning an existing tenant of this stamp goes into that tenant's trail; any other, the stamp's. */
    private String trailFor(TenantId tenantId) {
        return tenants.find(tenantId).filter(t -> t.homeRegion() == stampRegion)
                .map(t -> t.id().value()).orElse(AuditEvent.STAMP);
    }

    private void deny(Caller caller, Operation operation, String trail, String target, String requestId, String why) {
        audit.denied(Optional.of(caller), operation.action(), trail, target, requestId);
        throw new ForbiddenException(why);
    }
}
