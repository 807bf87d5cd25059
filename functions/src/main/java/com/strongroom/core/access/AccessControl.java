package com.strongroom.core.access;

import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.StampRefusals;
import com.strongroom.core.consent.SupportConsent;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.StepUpRequiredException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.TenantDirectory;
import com.strongroom.core.port.TenantStore;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides whether a caller may perform an operation, in this order: role (403; only the roles its directory may
 * give, see {@link CallerPolicy}), a person where the operation needs one (403 for an app-only token), MFA for
 * staff (401 with a claims challenge), then the tenant: a customer reaches only the tenant registered to its Entra
 * tenant (403 for any other, and for a directory registered nowhere; 421 naming the home region of a directory
 * registered in another stamp, before any tenant data is read; 404 when the shared directory cannot say), staff
 * reach any tenant of this stamp (404 for one it does not hold). Support staff reading assets need an active consent
 * grant instead of a role ({@link #authorizeRead}). Every refusal is audited before it is reported.
 */
public final class AccessControl {
    /**
     * What is left of a tenant once its purge begins: its cancellation, with its dates and certificate (asking for
     * or revoking one again gets a clear answer from the cancellation, not a bare 410).
     */
    private static final Set<Operation> SERVED_ONCE_PURGING = EnumSet.of(Operation.CANCELLATION_READ,
            Operation.CANCELLATION_CERTIFICATE, Operation.CANCELLATION_REQUEST, Operation.CANCELLATION_REVOKE);
    /** What a cancelled tenant is served during its export and grace period: that, and its exports to read. */
    private static final Set<Operation> SERVED_WHILE_CANCELLING = union(SERVED_ONCE_PURGING, EnumSet.of(
            Operation.EXPORT_READ, Operation.EXPORT_DOWNLOAD, Operation.SUBJECT_EXPORT_READ,
            Operation.SUBJECT_EXPORT_DOWNLOAD));

    private final Region stampRegion;
    private final TenantStore tenants;
    private final CustomerTenants customers;
    private final SupportConsent consent;
    private final AuditRecorder audit;
    private final StampRefusals refusals;
    private final String staffAuthContext;

    public AccessControl(Region stampRegion, TenantStore tenants, TenantDirectory directory, SupportConsent consent,
                         AuditRecorder audit, StampRefusals refusals, String staffAuthContext) {
        this.stampRegion = stampRegion;
        this.tenants = tenants;
        this.customers = new CustomerTenants(stampRegion, tenants, directory);
        this.consent = consent;
        this.audit = audit;
        this.refusals = refusals;
        this.staffAuthContext = staffAuthContext;
    }

    public Region stampRegion() {
        return stampRegion;
    }

    /** Authorises an operation that acts on no particular tenant. */
    public RequestScope authorize(Caller caller, Operation operation, Target target, String requestId) {
        Set<Role> granting = grantingRoles(caller, operation);
        if (granting.isEmpty()) {
            deny(caller, operation, AuditEvent.STAMP, target.path(), requestId,
                    "role not allowed to " + operation.action());
        }
        checkPrincipal(caller, operation, granting, () -> AuditEvent.STAMP, target.path(), requestId);
        return new RequestScope(audit, caller, operation, Optional.empty(), target, requestId);
    }

    /** Authorises an operation on one tenant. */
    public RequestScope authorizeTenant(Caller caller, Operation operation, TenantId tenantId, Target target,
                                        String requestId) {
        Tenant tenant = tenantFor(caller, operation, tenantId, target.path(), requestId);
        requireActive(caller, operation, tenant, target.path(), requestId);
        return new RequestScope(audit, caller, operation, Optional.of(tenant), target, requestId);
    }

    /**
     * A tenant being cancelled is served only what its cancellation leaves open (its exports, the cancellation
     * itself; staff may still read the tenant), a tenant being purged or purged only its cancellation (410 for the
     * rest).
     */
    private void requireActive(Caller caller, Operation operation, Tenant tenant, String target, String requestId) {
        if (served(operation, tenant.status(), caller)) {
            return;
        }
        audit.denied(Optional.of(caller), operation.action(), tenant.id().value(), target, requestId);
        throw new GoneException("tenant " + tenant.id() + " is " + tenant.status().name().toLowerCase(
                java.util.Locale.ROOT) + " and no longer served");
    }

    private static boolean served(Operation operation, TenantStatus status, Caller caller) {
        boolean staffReadsTenant = operation == Operation.TENANT_READ && caller.isStaff();
        return switch (status) {
            case ACTIVE -> true;
            case CANCELLING -> SERVED_WHILE_CANCELLING.contains(operation) || staffReadsTenant;
            case PURGING -> SERVED_ONCE_PURGING.contains(operation) || staffReadsTenant;
            case DELETED -> SERVED_ONCE_PURGING.contains(operation);
        };
    }

    private static Set<Operation> union(Set<Operation> some, Set<Operation> more) {
        Set<Operation> all = EnumSet.copyOf(some);
        all.addAll(more);
        return all;
    }

    private Tenant tenantFor(Caller caller, Operation operation, TenantId tenantId, String target, String requestId) {
        Set<Role> granting = grantingRoles(caller, operation);
        if (granting.isEmpty()) {
            deny(caller, operation, trailFor(tenantId), target, requestId, "role not allowed to " + operation.action());
        }
        checkPrincipal(caller, operation, granting, () -> trailFor(tenantId), target, requestId);
        if (granting.stream().anyMatch(r -> r.kind() == Role.Kind.VENDOR)) {
            return tenantOfThisStamp(caller, operation, tenantId, target, requestId);
        }
        return customersOwnTenant(caller, operation, tenantId, target, requestId);
    }

    /**
     * Authorises a read of a tenant's assets. A support engineer, whom no role lets in, may make it under an
     * active consent grant of that tenant naming them, allowing the operation's permission and covering
     * {@code asset} (when the read concerns one asset): without any such grant 403, and 404 for an asset outside
     * the scope of the grants they hold, as for any stranger. Both refusals are audited with the grant concerned.
     */
    public RequestScope authorizeRead(Caller caller, Operation operation, TenantId tenantId, Optional<AssetId> asset,
                                      Target target, String requestId) {
        Optional<ConsentPermission> permission = operation.consentPermission();
        if (!grantingRoles(caller, operation).isEmpty() || permission.isEmpty() || !caller.has(Role.SUPPORT_ENGINEER)) {
            return authorizeTenant(caller, operation, tenantId, target, requestId);
        }
        requireStepUp(caller, operation, () -> trailFor(tenantId), target.path(), requestId);
        Tenant tenant = tenantOfThisStamp(caller, operation, tenantId, target.path(), requestId);
        requireActive(caller, operation, tenant, target.path(), requestId);
        SupportConsent.Decision decision = consent.decide(caller, tenant.id(), permission.get(), asset);
        if (decision.chosen().isPresent()) {
            consent.recordUse(decision.chosen().get());
            return new RequestScope(audit, caller.underConsent(decision.chosen().get()), operation,
                    Optional.of(tenant), target, requestId);
        }
        audit.denied(Optional.of(decision.nearest().map(caller::underConsent).orElse(caller)), operation.action(),
                tenant.id().value(), target.path(), requestId);
        if (decision.outsideScope()) {
            throw new NotFoundException("no asset " + asset.orElseThrow() + " in tenant " + tenant.id());
        }
        throw new ForbiddenException("no active consent grant of this tenant lets you " + permission.get().value());
    }

    /** The tenant registered to the customer's Entra tenant, if it is {@code tenantId}. */
    private Tenant customersOwnTenant(Caller caller, Operation operation, TenantId tenantId, String target,
                                      String requestId) {
        CustomerTenants.Resolution resolution = customers.resolve(caller.directory());
        if (resolution instanceof CustomerTenants.Registered registered) {
            if (!registered.tenant().id().equals(tenantId)) {
                deny(caller, operation, AuditEvent.STAMP, target, requestId, "caller does not belong to this tenant");
            }
            return registered.tenant();
        }
        audit.denied(Optional.of(caller), operation.action(), AuditEvent.STAMP, target, requestId);
        if (resolution instanceof CustomerTenants.Elsewhere elsewhere) {
            throw new MisdirectedException(elsewhere.region());
        }
        if (resolution == CustomerTenants.Unresolved.DIRECTORY_UNAVAILABLE) {
            throw new NotFoundException("no tenant " + tenantId + " in this stamp");
        }
        throw new ForbiddenException("the caller's directory is not registered on any Strongroom tenant");
    }

    /** True when this stamp holds {@code tenant}: it exists here and is homed in this stamp's region. */
    public boolean holds(TenantId tenant) {
        return tenants.find(tenant).filter(t -> t.homeRegion() == stampRegion).isPresent();
    }

    /** The tenant, if this stamp holds it: 421 for a tenant homed elsewhere, 404 for one it does not know. */
    private Tenant tenantOfThisStamp(Caller caller, Operation operation, TenantId tenantId, String target,
                                     String requestId) {
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
    public void authorizeAlso(RequestScope scope, Operation also) {
        Caller caller = scope.caller();
        String trail = scope.tenant().id().value();
        Set<Role> granting = grantingRoles(caller, also);
        if (granting.isEmpty()) {
            deny(caller, also, trail, scope.target().path(), scope.requestId(), "role not allowed to " + also.action());
        }
        checkPrincipal(caller, also, granting, () -> trail, scope.target().path(), scope.requestId());
    }

    /**
     * Records a request refused before any caller could be identified, from {@code source} (a network prefix). Into
     * the stamp's trail, never a tenant's, and counted per source and minute: anyone can send these, and a flood of
     * them must neither bury the tenant's real refusals nor grow a trail kept 400 days by one event a request.
     */
    public void recordUnauthenticated(String action, String target, String source, String requestId) {
        refusals.refused(action, target, source, requestId);
    }

    /** Records the refusal counts of minutes that are over (cheap when none is). */
    public void recordRefusalCounts() {
        refusals.recordClosedMinutes();
    }

    /** An app-only token where a person must act is refused; a staff role acts only with MFA proven in the token. */
    private void checkPrincipal(Caller caller, Operation operation, Set<Role> granting, Supplier<String> trail,
                                String target, String requestId) {
        if (caller.type() == Caller.PrincipalType.APPLICATION && !operation.allowsApplications()) {
            deny(caller, operation, trail.get(), target, requestId, operation.action() + " needs a signed-in user");
        }
        if (granting.stream().anyMatch(r -> r.kind() == Role.Kind.VENDOR)) {
            requireStepUp(caller, operation, trail, target, requestId);
        }
    }

    private void requireStepUp(Caller caller, Operation operation, Supplier<String> trail, String target,
                               String requestId) {
        if (!caller.stepUp()) {
            audit.denied(Optional.of(caller), operation.action(), trail.get(), target, requestId);
            throw new StepUpRequiredException(staffAuthContext);
        }
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
