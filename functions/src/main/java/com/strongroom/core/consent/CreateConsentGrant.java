package com.strongroom.core.consent;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.GrantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Tenant.Admin's consent for one support engineer: whom, which assets, what, why (purpose and ticket), and
 * until when (at most 30 days; 7 when the admin asks for the default). Nobody can grant to themselves, and
 * support staff can never grant.
 */
public final class CreateConsentGrant {
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    public static final int MAX_SCOPED_ASSETS = 100;
    public static final String DEFAULT_EXPIRY = "default";

    /**
     * @param scope     the whole tenant, or the listed assets (which must be the tenant's)
     * @param expiresAt an RFC 3339 time, or {@code default} for {@link #DEFAULT_LIFETIME} from now
     */
    public record Command(TenantId tenant, String grantee, ConsentGrant.Scope scope,
                          Set<ConsentPermission> permissions, String purpose, String ticket,
                          Optional<Instant> expiresAt) {
        /** A command from what a client sends: {@code scope} is {@code tenant} or {@code assets} with assetIds. */
        public static Command of(TenantId tenant, String grantee, String scope, List<AssetId> assetIds,
                                 Set<ConsentPermission> permissions, String purpose, String ticket,
                                 Optional<Instant> expiresAt) {
            return new Command(tenant, grantee, scope(scope, assetIds), permissions, purpose, ticket, expiresAt);
        }

        private static ConsentGrant.Scope scope(String scope, List<AssetId> assetIds) {
            if (!"tenant".equals(scope) && !"assets".equals(scope)) {
                throw new InvalidInputException("scope", "must be \"tenant\" or \"assets\"");
            }
            List<AssetId> listed = assetIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(assetIds));
            if (scope.equals("tenant") && !listed.isEmpty()) {
                throw new InvalidInputException("assetIds", "must be left out when the scope is the whole tenant");
            }
            if (scope.equals("assets") && (listed.isEmpty() || listed.size() > MAX_SCOPED_ASSETS)) {
                throw new InvalidInputException("assetIds", "must list 1 to " + MAX_SCOPED_ASSETS + " assets");
            }
            return scope.equals("tenant") ? ConsentGrant.Scope.tenant() : ConsentGrant.Scope.assets(listed);
        }

        public Command {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            grantee = Text.required("grantee", grantee, 36);
            if (!EntraTenantId.isGuid(grantee)) {
                throw new InvalidInputException("grantee", "must be the support engineer's Entra object id (a GUID)");
            }
            grantee = grantee.toLowerCase(java.util.Locale.ROOT);
            purpose = Text.required("purpose", purpose, 500);
            ticket = Text.required("ticket", ticket, 100);
            Objects.requireNonNull(scope, "scope");
            if (permissions == null || permissions.isEmpty()) {
                throw new InvalidInputException("permissions", "must hold metadata:read, content:read or both");
            }
            permissions = Set.copyOf(EnumSet.copyOf(permissions));
            expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        }

        /** Parses {@code expiresAt}: required, either {@code default} or an RFC 3339 time with an offset. */
        public static Optional<Instant> expiry(String raw) {
            if (raw == null || raw.isBlank()) {
                throw new InvalidInputException("expiresAt", "is required: an RFC 3339 time, or \"default\" for "
                        + DEFAULT_LIFETIME.toDays() + " days");
            }
            if (raw.equals(DEFAULT_EXPIRY)) {
                return Optional.empty();
            }
            try {
                return Optional.of(OffsetDateTime.parse(raw).toInstant());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("expiresAt", "is not an RFC 3339 time such as 2026-12-01T12:00:00Z");
            }
        }
    }

    private final AccessControl access;
    private final GrantStore grants;
    private final AssetStore assets;
    private final Clock clock;

    public CreateConsentGrant(AccessControl access, GrantStore grants, AssetStore assets, Clock clock) {
        this.access = access;
        this.grants = grants;
        this.assets = assets;
        this.clock = clock;
    }

    public Operation operation() {
        return Operation.CONSENT_GRANT;
    }

    public ConsentGrant handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), command.tenant(),
                Target.tenant(command.tenant()).and("consent-grants"), requestId);
        Tenant tenant = scope.tenant();
        if (caller.subject().equals(command.grantee())) {
            throw scope.denied(new ForbiddenException("a consent grant cannot be given to oneself"));
        }
        Instant now = clock.instant();
        Instant expiresAt = command.expiresAt().orElse(now.plus(DEFAULT_LIFETIME));
        if (!expiresAt.isAfter(now)) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw new InvalidInputException("expiresAt", "must be at most " + MAX_LIFETIME.toDays() + " days ahead");
        }
        for (AssetId id : command.scope().assets()) {
            if (assets.find(tenant.id(), id).filter(Asset::visible).isEmpty()) {
                throw new InvalidInputException("assetIds", "names " + id + ", which is not an asset of this tenant");
            }
        }
        ConsentGrant grant = new ConsentGrant(GrantId.random(), tenant.id(), command.grantee(), command.scope(),
                command.permissions(), command.purpose(), command.ticket(), now, caller.subject(), expiresAt,
                Optional.empty(), Optional.empty(), ConsentGrant.Status.ACTIVE, "");
        RequestScope change = scope.at(Target.grant(tenant.id(), grant.id())).attempting();
        grants.create(grant);
        change.succeeded();
        return grant;
    }
}
