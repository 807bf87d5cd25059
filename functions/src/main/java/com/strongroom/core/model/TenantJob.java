package com.strongroom.core.model;

import java.util.Objects;
import java.util.Optional;

/** A message of the {@code tenant-jobs} queue: build one export of a tenant, or purge a cancelled tenant. */
public record TenantJob(Kind kind, TenantId tenantId, Optional<ExportId> exportId) {
    public enum Kind { EXPORT, PURGE }

    public TenantJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(exportId, "exportId");
        if (exportId.isPresent() != (kind == Kind.EXPORT)) {
            throw new IllegalArgumentException("an export job, and only it, names an export");
        }
    }

    public static TenantJob export(TenantId tenant, ExportId export) {
        return new TenantJob(Kind.EXPORT, tenant, Optional.of(export));
    }

    public static TenantJob purge(TenantId tenant) {
        return new TenantJob(Kind.PURGE, tenant, Optional.empty());
    }
}
