package com.strongroom.core.access;

import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentPermission;
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
 * home region (421, before any tenant data is read), tenant existence (404); support staff reading assets
 * need an active consent grant instead of a role ({@link #authorizeRead}). Every refusal is audited before it is
 * reported.
 */
public final class AccessControl {
    /** A tenant the caller may act on, and the caller as it acts: under a consent grant, when it is support staff. */
    public record Authorized(Tenant tenant, Caller caller) {
    }

    private final Region stampRegion;
    private final TenantStore tenants;
    private final SupportConsent consent;
    private final AuditRecorder audit;

    public AccessControl(Region stampRegion, TenantStore tenants, SupportConsent consent, AuditRecorder audit) {
        this.stampRegion = stampRegion;
        this.tenants = tenants;
        this.consent = consent;
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
        return tenantOfThisStamp(caller, operation, tenantId, target, requestId);
    }

    /**
     * Authorises a read of a tenant's assets. A support engineer, whom no role lets in, may make it under an
     * active consent grant of that tenant naming them, allowing the operation's permission and covering
     * {@code asset} (when the read concerns one asset): without any such grant 403, and 404 for an asset outside
     * the scope of the grants they hold, as for any stranger. Both refusals are audited with the grant concerned.
     */
    public Authorized authorizeRead(Caller caller, Operation operation, TenantId tenantId, Optional<AssetId> asset,
                                    String target, String requestId) {
        Optional<ConsentPermission> permission = operation.consentPermission();
        if (!grantingRoles(caller, operation).isEmpty() || permission.isEmpty() || !caller.has(Role.SUPPORT_ENGINEER)) {
            return new Authorized(authorizeTenant(caller, operation, tenantId, target, requestId), caller);
        }
        Tenant tenant = tenantOfThisStamp(caller, operation, tenantId, target, requestId);
        SupportConsent.Decision decision = consent.decide(caller, tenant.id(), permission.get(), asset);
        if (decision.chosen().isPresent()) {
            consent.recordUse(decision.chosen().get());
            return new Authorized(tenant, caller.underConsent(decision.chosen().get()));
        }
        audit.denied(Optional.of(decision.nearest().map(caller::underConsent).orElse(caller)), operation.action(),
                tenant.id().value(), target, requestId);
        if (decision.outsideScope()) {
            throw new NotFoundException("no asset " + asset.orElseThrow() + " in tenant " + tenant.id());
        }
        throw new ForbiddenException("no active consent grant of this tenant lets you " + permission.get().value());
    }

    /** The tenant, if this stamp holds it: 421 for a tenant homed elsewhere, 404 for one it does not know. */
    private Tenant tenantOfThisStamp(Caller caller, Operation operation, TenantId tenantId, String target,
                                     String requestId) {
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
