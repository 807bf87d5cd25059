package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.WrappedDataKey;
import com.strongroom.core.port.DataKeyStore;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What every {@link DataKeyStore} adapter promises; one subclass per adapter. */
public abstract class DataKeyStoreContract {
    protected abstract DataKeyStore store();

    /** The clock the store judges expiry by. */
    protected abstract TestClock clock();

    static TenantId tenant() {
        return TenantId.of("k-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static WrappedDataKey key(TenantId tenant, int version, Optional<java.time.Instant> expiresAt) {
        return new WrappedDataKey(tenant, AssetId.random(), version, new byte[] {1, 2, 3, (byte) version}, expiresAt, "");
    }

    @Test
    void aStoredKeyIsFoundUntilDestroyed() {
        TenantId tenant = tenant();
        WrappedDataKey key = key(tenant, 1, Optional.empty());
        store().create(key);
        WrappedDataKey found = store().find(tenant, key.assetId()).orElseThrow();
        assertArrayEquals(key.sealed(), found.sealed());
        assertEquals(1, found.tdkVersion());
        assertFalse(found.version().isEmpty());
        assertTrue(store().find(tenant(), key.assetId()).isEmpty(), "another tenant's partition holds nothing");
        store().delete(tenant, key.assetId());
        assertTrue(store().find(tenant, key.assetId()).isEmpty());
        store().delete(tenant, key.assetId());
    }

    @Test
    void theKeysOfSeveralAssetsAreFoundInOneReadLeavingOutTheGone() {
        TenantId tenant = tenant();
        WrappedDataKey first = key(tenant, 1, Optional.empty());
        WrappedDataKey second = key(tenant, 2, Optional.empty());
        WrappedDataKey elsewhere = key(tenant(), 3, Optional.empty());
        store().create(first);
        store().create(second);
        store().create(elsewhere);
        store().delete(tenant, second.assetId());
        List<WrappedDataKey> found = store().findAll(tenant, List.of(first.assetId(), second.assetId(),
                elsewhere.assetId(), AssetId.random()));
        assertEquals(List.of(first.assetId()), found.stream().map(WrappedDataKey::assetId).toList());
        assertArrayEquals(first.sealed(), found.get(0).sealed());
        assertEquals(List.of(), store().findAll(tenant, List.of()));
    }

    @Test
    void aSecondKeyForTheSameAssetIsRefused() {
        WrappedDataKey key = key(tenant(), 1, Optional.empty());
        store().create(key);
        assertThrows(ConflictException.class, () -> store().create(key));
    }

    @Test
    void anExpiringKeyIsGoneAfterItsExpiryUnlessMadePermanent() {
        TenantId tenant = tenant();
        WrappedDataKey expiring = key(tenant, 1, Optional.of(clock().instant().plus(Duration.ofHours(1))));
        WrappedDataKey kept = key(tenant, 1, Optional.of(clock().instant().plus(Duration.ofHours(1))));
        store().create(expiring);
        store().create(kept);
        assertTrue(store().replace(store().find(tenant, kept.assetId()).orElseThrow().permanent()));
        clock().advance(Duration.ofHours(2));
        assertTrue(store().find(tenant, expiring.assetId()).isEmpty());
        assertTrue(store().find(tenant, kept.assetId()).isPresent());
    }

    @Test
    void replaceAppliesOnlyToTheVersionRead() {
        TenantId tenant = tenant();
        WrappedDataKey key = key(tenant, 1, Optional.empty());
        store().create(key);
        WrappedDataKey read = store().find(tenant, key.assetId()).orElseThrow();
        assertTrue(store().replace(read.rewrapped(2, new byte[] {9})));
        assertFalse(store().replace(read.rewrapped(3, new byte[] {8})), "a stale version must not win");
        assertEquals(2, store().find(tenant, key.assetId()).orElseThrow().tdkVersion());
        store().delete(tenant, key.assetId());
        assertFalse(store().replace(read), "a destroyed key must not come back");
    }

    @Test
    void keysSealedUnderOlderVersionsAreListed() {
        TenantId tenant = tenant();
        WrappedDataKey old = key(tenant, 1, Optional.empty());
        WrappedDataKey current = key(tenant, 2, Optional.empty());
        store().create(old);
        store().create(current);
        store().create(key(tenant(), 1, Optional.empty()));
        assertEquals(java.util.List.of(old.assetId()), store().sealedBefore(tenant, 2, 10).stream()
                .map(WrappedDataKey::assetId).toList());
        assertEquals(2, store().sealedBefore(tenant, 3, 10).size());
        assertEquals(1, store().sealedBefore(tenant, 3, 1).size());
    }
}
