package com.strongroom.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer tenant homed in one region.
 *
 * @param entraTenant the customer's Entra tenant whose users may act on this tenant with customer roles; until a
 *                    platform admin registers one, no customer user can reach the tenant
 * @param keys        the tenant's wrapped key material; never leaves the stamp and never appears in an API response
 */
public record Tenant(TenantId id, String displayName, Region homeRegion, Optional<EntraTenantId> entraTenant,
                     Instant createdAt, String createdBy, TenantStatus status, TenantKeys keys) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(homeRegion, "homeRegion");
        Objects.requireNonNull(entraTenant, "entraTenant");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(keys, "keys");
    }

    public Tenant withKeys(TenantKeys newKeys) {
        return new Tenant(id, displayName, homeRegion, entraTenant, createdAt, createdBy, status, newKeys);
    }

    public Tenant withStatus(TenantStatus newStatus) {
        return new Tenant(id, displayName, homeRegion, entraTenant, createdAt, createdBy, newStatus, keys);
    }

    /** The tenant without its name and its wrapped keys: what stays once it is purged. */
    public Tenant stripped() {
        return new Tenant(id, "", homeRegion, entraTenant, createdAt, createdBy, status, keys.destroyed());
    }

    public Tenant withEntraTenant(EntraTenantId directory) {
        return new Tenant(id, displayName, homeRegion, Optional.of(directory), createdAt, createdBy, status, keys);
    }
}
