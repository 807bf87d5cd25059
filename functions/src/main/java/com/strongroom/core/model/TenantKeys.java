package com.strongroom.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The wrapped keys of a tenant (DESIGN section 3).
 *
 * @param kekId                 the versioned id of the tenant's key-encryption key
 * @param tdkVersion            version of the tenant data key
 * @param wrappedTdk            the TDK wrapped by the KEK with RSA-OAEP-256
 * @param wrappedBlindIndexKey  the blind-index HMAC key sealed by the TDK (AES-256-GCM, see {@code KeyWrapping})
 */
public record TenantKeys(String kekId, int tdkVersion, byte[] wrappedTdk, byte[] wrappedBlindIndexKey) {
    public TenantKeys {
        Objects.requireNonNull(kekId, "kekId");
        if (tdkVersion < 1) {
            throw new IllegalArgumentException("tdkVersion must be positive");
        }
        wrappedTdk = wrappedTdk.clone();
        wrappedBlindIndexKey = wrappedBlindIndexKey.clone();
    }

    @Override
    public byte[] wrappedTdk() {
        return wrappedTdk.clone();
    }

    @Override
    public byte[] wrappedBlindIndexKey() {
        return wrappedBlindIndexKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantKeys k && kekId.equals(k.kekId) && tdkVersion == k.tdkVersion
                && Arrays.equals(wrappedTdk, k.wrappedTdk) && Arrays.equals(wrappedBlindIndexKey, k.wrappedBlindIndexKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kekId, tdkVersion, Arrays.hashCode(wrappedTdk), Arrays.hashCode(wrappedBlindIndexKey));
    }

    @Override
    public String toString() {
        return "TenantKeys[kekId=" + kekId + ", tdkVersion=" + tdkVersion + "]";
    }
}
