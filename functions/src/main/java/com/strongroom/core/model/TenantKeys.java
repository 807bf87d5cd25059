package com.strongroom.core.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The wrapped keys of a tenant: its KEK id, its current TDK wrapped by the KEK, and its blind-index key sealed by
 * the TDK (docs/formats.md).
 *
 * @param kekId                the versioned id of the tenant's key-encryption key
 * @param tdkVersion           version of the current tenant data key
 * @param wrappedTdk           the current TDK wrapped by the KEK with RSA-OAEP-256
 * @param wrappedBlindIndexKey the blind-index HMAC key sealed by the current TDK (AES-256-GCM)
 * @param retiredTdks          older TDK versions, wrapped by the same KEK, kept while some DEK is still sealed
 *                             under them (a TDK rotation in progress)
 */
public record TenantKeys(String kekId, int tdkVersion, byte[] wrappedTdk, byte[] wrappedBlindIndexKey,
                         Map<Integer, byte[]> retiredTdks) {
    public TenantKeys {
        Objects.requireNonNull(kekId, "kekId");
        if (tdkVersion < 1) {
            throw new IllegalArgumentException("tdkVersion must be positive");
        }
        wrappedTdk = wrappedTdk.clone();
        wrappedBlindIndexKey = wrappedBlindIndexKey.clone();
        Map<Integer, byte[]> copy = new TreeMap<>();
        retiredTdks.forEach((version, wrapped) -> {
            if (version >= tdkVersion || version < 1) {
                throw new IllegalArgumentException("a retired TDK is older than the current one");
            }
            copy.put(version, wrapped.clone());
        });
        retiredTdks = java.util.Collections.unmodifiableMap(copy);
    }

    public TenantKeys(String kekId, int tdkVersion, byte[] wrappedTdk, byte[] wrappedBlindIndexKey) {
        this(kekId, tdkVersion, wrappedTdk, wrappedBlindIndexKey, Map.of());
    }

    /** What is left of a purged tenant's keys: its KEK's id, nothing wrapped. */
    public TenantKeys destroyed() {
        return new TenantKeys(kekId, tdkVersion, new byte[0], new byte[0]);
    }

    public boolean isDestroyed() {
        return wrappedTdk.length == 0;
    }

    @Override
    public byte[] wrappedTdk() {
        return wrappedTdk.clone();
    }

    @Override
    public byte[] wrappedBlindIndexKey() {
        return wrappedBlindIndexKey.clone();
    }

    /** The wrapped TDK of a version, current or retired. */
    public java.util.Optional<byte[]> wrappedTdk(int version) {
        if (version == tdkVersion) {
            return java.util.Optional.of(wrappedTdk.clone());
        }
        return java.util.Optional.ofNullable(retiredTdks.get(version)).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TenantKeys k) || !kekId.equals(k.kekId) || tdkVersion != k.tdkVersion
                || !Arrays.equals(wrappedTdk, k.wrappedTdk) || !Arrays.equals(wrappedBlindIndexKey, k.wrappedBlindIndexKey)
                || !retiredTdks.keySet().equals(k.retiredTdks.keySet())) {
            return false;
        }
        return retiredTdks.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), k.retiredTdks.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kekId, tdkVersion, Arrays.hashCode(wrappedTdk), Arrays.hashCode(wrappedBlindIndexKey),
                retiredTdks.keySet());
    }

    @Override
    public String toString() {
        return "TenantKeys[kekId=" + kekId + ", tdkVersion=" + tdkVersion + ", retired=" + retiredTdks.keySet() + "]";
    }
}
