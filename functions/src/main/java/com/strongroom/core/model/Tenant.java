package com.strongroom.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer tenant homed in one region.
 *
 * @param keys the tenant's wrapped key material; never leaves the stamp and never appears in an API response
 */
public record Tenant(TenantId id, String displayName, Region homeRegion, Instant createdAt, String createdBy,
                     TenantStatus status, TenantKeys keys) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(homeRegion, "homeRegion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(keys, "keys");
    }

    public Tenant withKeys(TenantKeys newKeys) {
        return new Tenant(id, displayName, homeRegion, createdAt, createdBy, status, newKeys);
    }
}
