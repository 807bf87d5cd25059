package com.strongroom.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An asset's DEK sealed under version {@code tdkVersion} of its tenant's TDK (AES-256-GCM, AAD from
 * {@code KeyBindings.dataKey}). A key of an upload still in progress expires with its session.
 *
 * @param version the store's version of this entry (an opaque ETag), empty before it is stored
 */
public record WrappedDataKey(TenantId tenantId, AssetId assetId, int tdkVersion, byte[] sealed,
                             Optional<Instant> expiresAt, String version) {
    public WrappedDataKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(version, "version");
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    public WrappedDataKey permanent() {
        return new WrappedDataKey(tenantId, assetId, tdkVersion, sealed, Optional.empty(), version);
    }

    public WrappedDataKey rewrapped(int newTdkVersion, byte[] newSealed) {
        return new WrappedDataKey(tenantId, assetId, newTdkVersion, newSealed, expiresAt, version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedDataKey k && tenantId.equals(k.tenantId) && assetId.equals(k.assetId)
                && tdkVersion == k.tdkVersion && java.util.Arrays.equals(sealed, k.sealed)
                && expiresAt.equals(k.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, assetId, tdkVersion, java.util.Arrays.hashCode(sealed), expiresAt);
    }

    @Override
    public String toString() {
        return "WrappedDataKey[" + tenantId + "/" + assetId + ", tdkVersion=" + tdkVersion + "]";
    }
}
