package com.strongroom.core.model;

import java.util.Objects;

/**
 * One line of the tenant directory that every stamp reads: which Strongroom tenant a customer's Entra tenant is
 * registered on, and in which region it lives. It holds no personal data.
 */
public record DirectoryEntry(EntraTenantId entraTenant, TenantId tenant, Region region) {
    public DirectoryEntry {
        Objects.requireNonNull(entraTenant, "entraTenant");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(region, "region");
    }
}
