package com.strongroom.core.keys;

import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.WrappedDataKey;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.TenantStore;
import com.strongroom.core.tenant.KeyBindings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key hierarchy (KEK wraps TDK, TDK seals DEKs; docs/formats.md) at work: TDKs unwrapped by the tenant's KEK (cached, so downloads need no
 * key-service call), and per-asset DEKs sealed under the TDK in the keyring. Every key handed out is a copy the
 * caller zeroes when done.
 */
public final class TenantKeyring {
    /** How often a new DEK is re-sealed to catch up with TDK rotations that overtake it; each takes minutes. */
    private static final int CATCH_UP_ATTEMPTS = 3;
    /** Upload sessions whose sealed DEK entry an instance keeps at most (a few hundred KiB). */
    private static final int MAX_SEALED_UPLOAD_KEYS = 10_000;

    private final KeyEncryptionKeys keks;
    private final DataKeyStore dataKeys;
    private final TenantStore tenants;
    private final TdkCache tdks;
    private final Clock clock;
    /** Sealed DEK entries of upload sessions, by tenant and session, until the session expires (see uploadDataKey). */
    private final Map<List<String>, WrappedDataKey> sealedUploadKeys = new ConcurrentHashMap<>();

    public TenantKeyring(KeyEncryptionKeys keks, DataKeyStore dataKeys, TenantStore tenants, Clock clock,
                         Duration tdkCacheTtl, int tdkCacheMaxTenants) {
        this.keks = keks;
        this.dataKeys = dataKeys;
        this.tenants = tenants;
        this.tdks = new TdkCache(clock, tdkCacheTtl, tdkCacheMaxTenants);
        this.clock = clock;
    }

    /**
     * A fresh DEK for an asset, stored sealed under the tenant's current TDK before it is returned. With an
     * expiry, the stored entry vanishes by itself unless {@link #keep} is called first.
     *
     * <p>A TDK rotation that moves on between reading the tenant and storing the entry may have run its re-seal pass
     * before the entry existed, and then retire the TDK it is sealed under: the asset could never be read again. So
     * the tenant is read again after the entry is stored, and while its TDK is newer the entry is re-sealed under it
     * (a rotation's own pass doing the same first is as good).
     */
    public byte[] newDataKey(Tenant tenant, AssetId asset, Optional<Instant> expiresAt) {
        int version = tenant.keys().tdkVersion();
        byte[] dek = Aes256Gcm.newKey();
        try {
            dataKeys.create(new WrappedDataKey(tenant.id(), asset, version, seal(tenant, asset, version, dek),
                    expiresAt, ""));
            catchUpWithRotations(tenant.id(), asset, dek);
            return dek;
        } catch (RuntimeException e) {
            Arrays.fill(dek, (byte) 0);
            throw e;
        }
    }

    private void catchUpWithRotations(TenantId tenantId, AssetId asset, byte[] dek) {
        for (int attempt = 0; attempt < CATCH_UP_ATTEMPTS; attempt++) {
            Tenant current = tenants.find(tenantId)
                    .orElseThrow(() -> new NotFoundException("no tenant " + tenantId));
            WrappedDataKey stored = stored(tenantId, asset);
            int version = current.keys().tdkVersion();
            if (stored.tdkVersion() >= version) {
                return;
            }
            dataKeys.replace(stored.rewrapped(version, seal(current, asset, version, dek)));
        }
        throw new ConflictException("the tenant's keys kept changing while a content key was made; try again");
    }

    /**
     * The DEK of an asset; {@link NotFoundException} if it was destroyed or expired, {@link IntegrityException}
     * if the stored entry does not open as this asset's key.
     */
    public byte[] dataKey(Tenant tenant, AssetId asset) {
        return open(tenant, stored(tenant.id(), asset));
    }

    private WrappedDataKey stored(TenantId tenant, AssetId asset) {
        return dataKeys.find(tenant, asset)
                .orElseThrow(() -> new NotFoundException("the content key of " + asset + " no longer exists"));
    }

    /**
     * The DEK of an upload session, for one of its parts. After a session's first part the sealed entry (never the key
     * itself) is kept here until the session expires, so later parts read no keyring document. A kept entry that the
     * tenant's TDKs no longer open (a TDK rotation re-sealed it under a newer version) is read again. A kept entry
     * whose original was destroyed meanwhile is not noticed here; that costs nothing, since the session is gone by
     * then (the erasure job deletes it first, the sweep only takes expired ones) and completion needs the original.
     */
    public byte[] uploadDataKey(Tenant tenant, AssetId upload, Instant sessionExpiresAt) {
        List<String> key = List.of(tenant.id().value(), upload.value());
        WrappedDataKey kept = sealedUploadKeys.get(key);
        if (kept != null && tenant.keys().wrappedTdk(kept.tdkVersion()).isPresent()) {
            return open(tenant, kept);
        }
        WrappedDataKey stored = stored(tenant.id(), upload);
        byte[] dek = open(tenant, stored);
        Instant now = clock.instant();
        if (sealedUploadKeys.size() >= MAX_SEALED_UPLOAD_KEYS) {
            sealedUploadKeys.values().removeIf(entry -> !entry.expiresAt().orElse(now).isAfter(now));
            if (sealedUploadKeys.size() >= MAX_SEALED_UPLOAD_KEYS) {
                sealedUploadKeys.clear();
            }
        }
        sealedUploadKeys.put(key, new WrappedDataKey(stored.tenantId(), stored.assetId(), stored.tdkVersion(),
                stored.sealed(), Optional.of(sessionExpiresAt), stored.version()));
        return dek;
    }

    /** Removes the expiry of an asset's DEK: the upload it belonged to became an asset. */
    public void keep(TenantId tenant, AssetId asset) {
        WrappedDataKey wrapped = dataKeys.find(tenant, asset)
                .orElseThrow(() -> new NotFoundException("the content key of " + asset + " expired"));
        if (wrapped.expiresAt().isPresent() && !dataKeys.replace(wrapped.permanent())) {
            throw new NotFoundException("the content key of " + asset + " changed while it was being kept");
        }
    }

    /**
     * The id that names an asset's DEK in receipts and the erasure ledger without revealing it ({@code dek:} and the
     * first 16 bytes of the SHA-256 of the sealed entry, in hex); empty once the DEK is gone.
     */
    public Optional<String> dataKeyId(TenantId tenant, AssetId asset) {
        return dataKeys.find(tenant, asset).map(TenantKeyring::idOf);
    }

    /** The DEK ids of some of a tenant's assets (at most 100), in one read; assets whose DEK is gone are left out. */
    public Map<AssetId, String> dataKeyIds(TenantId tenant, List<AssetId> assets) {
        Map<AssetId, String> ids = new HashMap<>();
        dataKeys.findAll(tenant, assets).forEach(wrapped -> ids.put(wrapped.assetId(), idOf(wrapped)));
        return ids;
    }

    private static String idOf(WrappedDataKey wrapped) {
        return "dek:" + HexFormat.of().formatHex(ContentFormat.sha256().digest(wrapped.sealed()), 0, 16);
    }

    /** Destroys an asset's DEK: from then on its content cannot be decrypted. */
    public void destroy(TenantId tenant, AssetId asset) {
        dataKeys.delete(tenant, asset);
    }

    /** The tenant's blind-index key. */
    public byte[] blindIndexKey(Tenant tenant) {
        int version = tenant.keys().tdkVersion();
        byte[] tdk = tdk(tenant, version);
        try {
            return Aes256Gcm.open(tdk, tenant.keys().wrappedBlindIndexKey(),
                    KeyBindings.blindIndexKey(tenant.id(), version));
        } catch (TamperedException e) {
            throw new IntegrityException("the blind-index key of " + tenant.id() + " does not open");
        } finally {
            Arrays.fill(tdk, (byte) 0);
        }
    }

    /** Opens a DEK entry with whichever TDK version sealed it. */
    byte[] open(Tenant tenant, WrappedDataKey wrapped) {
        if (!wrapped.tenantId().equals(tenant.id())) {
            throw new IntegrityException("a content key of another tenant was offered");
        }
        byte[] tdk = tdk(tenant, wrapped.tdkVersion());
        try {
            return Aes256Gcm.open(tdk, wrapped.sealed(),
                    KeyBindings.dataKey(tenant.id(), wrapped.assetId().value(), wrapped.tdkVersion()));
        } catch (TamperedException e) {
            throw new IntegrityException("the content key of " + wrapped.assetId() + " does not open as its own");
        } finally {
            Arrays.fill(tdk, (byte) 0);
        }
    }

    /** Seals a DEK under a TDK version of the tenant. */
    byte[] seal(Tenant tenant, AssetId asset, int tdkVersion, byte[] dek) {
        byte[] tdk = tdk(tenant, tdkVersion);
        try {
            return Aes256Gcm.seal(tdk, dek, KeyBindings.dataKey(tenant.id(), asset.value(), tdkVersion));
        } finally {
            Arrays.fill(tdk, (byte) 0);
        }
    }

    /** A copy of a TDK version of the tenant, unwrapped by its KEK at most once per cache TTL. */
    byte[] tdk(Tenant tenant, int version) {
        Tenant holder = tenant.keys().wrappedTdk(version).isPresent() ? tenant
                // The tenant may have been read a few seconds ago, before a TDK rotation it has not seen: ask again.
                : tenants.find(tenant.id()).filter(t -> t.keys().wrappedTdk(version).isPresent())
                .orElseThrow(() -> new IntegrityException("tenant " + tenant.id() + " has no TDK version " + version));
        byte[] wrapped = holder.keys().wrappedTdk(version).orElseThrow();
        String kekId = holder.keys().kekId();
        return tdks.get(new TdkCache.Key(tenant.id().value(), kekId, version), () -> unwrap(kekId, wrapped));
    }

    void forget(TenantId tenant) {
        tdks.forget(tenant.value());
    }

    private byte[] unwrap(String kekId, byte[] wrapped) {
        try {
            return keks.unwrap(kekId, wrapped);
        } catch (TamperedException e) {
            throw new IntegrityException("the tenant's TDK does not unwrap under its KEK");
        }
    }
}
