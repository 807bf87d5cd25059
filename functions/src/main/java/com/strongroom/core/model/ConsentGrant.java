package com.strongroom.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's consent for one support engineer to reach its data: whom, which assets, what, why, until when.
 * Whether it can be used is decided against the clock on every request ({@link #statusAt}); {@code recorded}
 * is only what the store last wrote (a sweep marks expired grants, revocation marks revoked ones).
 *
 * @param grantee     the support engineer's Entra object id ({@code oid}) in the vendor's directory
 * @param grantedBy   the Tenant.Admin who gave the consent
 * @param firstUsedAt when the grantee first used it, if they have
 * @param version     the store's version (ETag) of this state
 */
public record ConsentGrant(GrantId id, TenantId tenantId, String grantee, Scope scope,
                           Set<ConsentPermission> permissions, String purpose, String ticket, Instant createdAt,
                           String grantedBy, Instant expiresAt, Optional<Revocation> revocation,
                           Optional<Instant> firstUsedAt, Status recorded, String version) {
    public enum Status { ACTIVE, EXPIRED, REVOKED }

    /** The whole tenant, or only the listed assets. */
    public record Scope(boolean wholeTenant, List<AssetId> assets) {
        public Scope {
            assets = List.copyOf(assets);
            if (wholeTenant != assets.isEmpty()) {
                throw new IllegalArgumentException("a scope is the whole tenant or a non-empty list of assets");
            }
        }

        public static Scope tenant() {
            return new Scope(true, List.of());
        }

        public static Scope assets(List<AssetId> assets) {
            return new Scope(false, assets);
        }

        public boolean covers(AssetId asset) {
            return wholeTenant || assets.contains(asset);
        }
    }

    public record Revocation(Instant at, String by) {
        public Revocation {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }
    }

    public ConsentGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(scope, "scope");
        permissions = Set.copyOf(permissions);
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(firstUsedAt, "firstUsedAt");
        Objects.requireNonNull(recorded, "recorded");
        version = version == null ? "" : version;
    }

    /** Revoked from its revocation on, expired from {@code expiresAt} on, active before. */
    public Status statusAt(Instant now) {
        if (revocation.isPresent()) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }

    /** True when, at {@code now}, this grant lets its grantee do {@code permission} on some asset of its scope. */
    public boolean allows(ConsentPermission permission, Instant now) {
        return statusAt(now) == Status.ACTIVE && permissions.contains(permission);
    }

    public ConsentGrant revoked(Revocation by) {
        return new ConsentGrant(id, tenantId, grantee, scope, permissions, purpose, ticket, createdAt, grantedBy,
                expiresAt, Optional.of(by), firstUsedAt, Status.REVOKED, version);
    }

    public ConsentGrant expired() {
        return new ConsentGrant(id, tenantId, grantee, scope, permissions, purpose, ticket, createdAt, grantedBy,
                expiresAt, revocation, firstUsedAt, Status.EXPIRED, version);
    }

    public ConsentGrant firstUsed(Instant at) {
        return new ConsentGrant(id, tenantId, grantee, scope, permissions, purpose, ticket, createdAt, grantedBy,
                expiresAt, revocation, Optional.of(at), recorded, version);
    }

    public ConsentGrant withVersion(String newVersion) {
        return new ConsentGrant(id, tenantId, grantee, scope, permissions, purpose, ticket, createdAt, grantedBy,
                expiresAt, revocation, firstUsedAt, recorded, newVersion);
    }
}
