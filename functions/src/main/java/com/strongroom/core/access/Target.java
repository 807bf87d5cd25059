package com.strongroom.core.access;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.TenantId;
import java.util.Objects;

/** What a request acts on, as the audit trail names it: a path below a tenant, e.g. {@code tenants/acme/assets/…}. */
public record Target(String path) {
    public Target {
        Objects.requireNonNull(path, "path");
    }

    public static Target tenant(TenantId tenant) {
        return new Target("tenants/" + tenant.value());
    }

    public static Target asset(TenantId tenant, AssetId asset) {
        return tenant(tenant).and("assets").and(asset.value());
    }

    public static Target upload(TenantId tenant, AssetId upload) {
        return tenant(tenant).and("uploads").and(upload.value());
    }

    public static Target grant(TenantId tenant, GrantId grant) {
        return tenant(tenant).and("consent-grants").and(grant.value());
    }

    /** The target one segment further down. */
    public Target and(String segment) {
        return new Target(path + "/" + segment);
    }

    @Override
    public String toString() {
        return path;
    }
}
