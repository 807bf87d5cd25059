package com.strongroom.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.model.WrappedDataKey;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The key hierarchy: TDK cache, DEK sealing and binding, and rotation of either level without touching content. */
class TenantKeysTest {
    static final TenantId ACME = TenantId.of("acme");
    static final Caller ADMIN = Identities.customer(ACME, "admin-1", Role.TENANT_ADMIN);

    TestClock clock;
    CountingKeyEncryptionKeys keks;
    InMemoryTenantStore tenants;
    InMemoryDataKeyStore dataKeys;
    TenantKeyring keyring;
    RotateTenantKeys rotate;
    List<AuditEvent> events;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
        keks = new CountingKeyEncryptionKeys();
        tenants = new InMemoryTenantStore();
        dataKeys = new InMemoryDataKeyStore(clock);
        events = new ArrayList<>();
        tenants.create(new Tenant(ACME, "Acme", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(ACME)),
                clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(ACME)));
        keyring = newKeyring();
        AuditRecorder audit = new AuditRecorder(events::add, clock);
        rotate = new RotateTenantKeys(Identities.accessControl(Region.WEST_EUROPE, tenants,
                InMemoryGrantStore.noGrants(clock), audit), tenants, keks, dataKeys, keyring);
    }

    TenantKeyring newKeyring() {
        return new TenantKeyring(keks, dataKeys, tenants, clock, Duration.ofMinutes(5), 2);
    }

    Tenant acme() {
        return tenants.find(ACME).orElseThrow();
    }

    @Test
    void aDekIsSealedUnderTheTdkAndOpensOnlyAsItsOwnAsset() {
        AssetId asset = AssetId.random();
        AssetId other = AssetId.random();
        byte[] dek = keyring.newDataKey(acme(), asset, Optional.empty());
        keyring.newDataKey(acme(), other, Optional.empty());
        assertArrayEquals(dek, keyring.dataKey(acme(), asset));

        WrappedDataKey foreign = dataKeys.find(ACME, other).orElseThrow();
        WrappedDataKey mine = dataKeys.find(ACME, asset).orElseThrow();
        dataKeys.replace(new WrappedDataKey(ACME, asset, 1, foreign.sealed(), Optional.empty(), mine.version()));
        assertThrows(IntegrityException.class, () -> keyring.dataKey(acme(), asset));
    }

    @Test
    void theTdkIsUnwrappedOncePerCacheLifetimeAndTheCacheStaysBounded() {
        AssetId asset = AssetId.random();
        keyring.newDataKey(acme(), asset, Optional.empty());
        int afterFirst = keks.unwraps.get();
        for (int i = 0; i < 1000; i++) {
            keyring.dataKey(acme(), asset);
        }
        assertEquals(afterFirst, keks.unwraps.get());
        clock.advance(Duration.ofMinutes(5));
        keyring.dataKey(acme(), asset);
        assertEquals(afterFirst + 1, keks.unwraps.get());

        TdkCache cache = new TdkCache(clock, Duration.ofMinutes(5), 2);
        for (int t = 0; t < 5; t++) {
            int n = t;
            cache.get(new TdkCache.Key("t" + t, "k", 1), () -> new byte[] {(byte) n});
            clock.advance(Duration.ofSeconds(1));
        }
        assertTrue(cache.size() <= 2, "cache holds " + cache.size());
        assertArrayEquals(new byte[] {4}, cache.get(new TdkCache.Key("t4", "k", 1), () -> new byte[] {9}),
                "the newest entry stays");
    }

    @Test
    void aKeyOfAnUnfinishedUploadExpiresUnlessKept() {
        AssetId kept = AssetId.random();
        AssetId abandoned = AssetId.random();
        keyring.newDataKey(acme(), kept, Optional.of(clock.instant().plus(Duration.ofHours(1))));
        keyring.newDataKey(acme(), abandoned, Optional.of(clock.instant().plus(Duration.ofHours(1))));
        keyring.keep(ACME, kept);
        clock.advance(Duration.ofHours(2));
        keyring.dataKey(acme(), kept);
        assertThrows(NotFoundException.class, () -> keyring.dataKey(acme(), abandoned));
    }

    @Test
    void aNewKekVersionRewrapsTheTdkAndEveryDekStillOpens() {
        AssetId asset = AssetId.random();
        byte[] dek = keyring.newDataKey(acme(), asset, Optional.empty());
        byte[] indexKey = keyring.blindIndexKey(acme());
        String oldKek = acme().keys().kekId();

        RotateTenantKeys.Result result = rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME,
                RotateTenantKeys.Scope.KEK), "r1");
        assertNotEquals(oldKek, result.kekId());
        assertEquals(result.kekId(), acme().keys().kekId());
        keks.destroy(oldKek);
        TenantKeyring cold = newKeyring();
        assertArrayEquals(dek, cold.dataKey(acme(), asset));
        assertArrayEquals(indexKey, cold.blindIndexKey(acme()));
        assertTrue(events.stream().anyMatch(e -> e.action().equals("keys.rotate")
                && e.outcome() == AuditEvent.Outcome.SUCCESS));
    }

    @Test
    void aNewTdkVersionResealsEveryDekAndRetiresTheOldTdk() {
        List<AssetId> assets = new ArrayList<>();
        List<byte[]> deks = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            AssetId asset = AssetId.random();
            assets.add(asset);
            deks.add(keyring.newDataKey(acme(), asset, Optional.empty()));
        }
        byte[] indexKey = keyring.blindIndexKey(acme());

        RotateTenantKeys.Result result = rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME,
                RotateTenantKeys.Scope.TDK), "r1");
        assertEquals(2, result.tdkVersion());
        assertEquals(250, result.dataKeysResealed());
        assertEquals(Map.of(), acme().keys().retiredTdks());
        assertTrue(dataKeys.sealedBefore(ACME, 2, 10).isEmpty());
        TenantKeyring cold = newKeyring();
        for (int i = 0; i < assets.size(); i++) {
            assertArrayEquals(deks.get(i), cold.dataKey(acme(), assets.get(i)));
        }
        assertArrayEquals(indexKey, cold.blindIndexKey(acme()), "the blind index keeps working");
    }

    @Test
    void aTenantReadBeforeATdkRotationStillOpensTheKeysItResealed() {
        AssetId asset = AssetId.random();
        byte[] dek = keyring.newDataKey(acme(), asset, Optional.empty());
        Tenant readBefore = acme();

        rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME, RotateTenantKeys.Scope.TDK), "r1");

        assertEquals(1, readBefore.keys().tdkVersion());
        assertArrayEquals(dek, newKeyring().dataKey(readBefore, asset), "a cached tenant that has not seen version 2");
    }

    @Test
    void anUploadsLaterPartsReadNoKeyringDocumentAndAResealedOneIsReadAgain() {
        AssetId upload = AssetId.random();
        Instant expires = clock.instant().plus(Duration.ofHours(1));
        byte[] dek = keyring.newDataKey(acme(), upload, Optional.of(expires));
        int[] finds = {0};
        TenantKeyring counted = new TenantKeyring(keks, new DelegatingDataKeyStore(dataKeys) {
            @Override
            public Optional<WrappedDataKey> find(TenantId tenant, AssetId id) {
                finds[0]++;
                return super.find(tenant, id);
            }
        }, tenants, clock, Duration.ofMinutes(5), 2);

        for (int part = 0; part < 5; part++) {
            assertArrayEquals(dek, counted.uploadDataKey(acme(), upload, expires));
        }
        assertEquals(1, finds[0], "the first part reads the sealed entry, the others use the copy kept");

        rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME, RotateTenantKeys.Scope.TDK), "r1");
        assertArrayEquals(dek, counted.uploadDataKey(acme(), upload, expires));
        assertEquals(2, finds[0], "a copy sealed under a retired TDK is read again");
    }

    @Test
    void anInterruptedTdkRotationKeepsEveryKeyReadableAndFinishesWhenRunAgain() {
        AssetId asset = AssetId.random();
        byte[] dek = keyring.newDataKey(acme(), asset, Optional.empty());
        DataKeyStore failing = new DelegatingDataKeyStore(dataKeys) {
            @Override
            public List<WrappedDataKey> sealedBefore(TenantId tenant, int version, int limit) {
                throw new IllegalStateException("crash after the new TDK was stored");
            }
        };
        AuditRecorder audit = new AuditRecorder(events::add, clock);
        RotateTenantKeys crashing = new RotateTenantKeys(Identities.accessControl(Region.WEST_EUROPE, tenants,
                InMemoryGrantStore.noGrants(clock), audit), tenants, keks, failing, keyring);
        assertThrows(IllegalStateException.class, () -> crashing.handle(ADMIN,
                new RotateTenantKeys.Command(ACME, RotateTenantKeys.Scope.TDK), "r1"));
        assertEquals(2, acme().keys().tdkVersion());
        assertEquals(Set.of(1), acme().keys().retiredTdks().keySet());
        assertArrayEquals(dek, newKeyring().dataKey(acme(), asset), "readable in the middle of a rotation");

        RotateTenantKeys.Result finished = rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME,
                RotateTenantKeys.Scope.TDK), "r2");
        assertEquals(2, finished.tdkVersion(), "running again finishes the rotation instead of starting another");
        assertEquals(1, finished.dataKeysResealed());
        assertEquals(Map.of(), acme().keys().retiredTdks());
        assertArrayEquals(dek, newKeyring().dataKey(acme(), asset));
    }

    /**
     * An upload reads the tenant (TDK 1), then a whole TDK rotation runs (re-seal pass, TDK 1 retired) before the
     * upload stores its DEK sealed under TDK 1. Without catching up, that asset could never be read again and every
     * later rotation would fail on it.
     */
    @Test
    void aRotationThatOvertakesAnUploadLosesNoAsset() throws Exception {
        CountDownLatch sealed = new CountDownLatch(1);
        CountDownLatch rotated = new CountDownLatch(1);
        DataKeyStore latched = new DelegatingDataKeyStore(dataKeys) {
            @Override
            public void create(WrappedDataKey key) {
                sealed.countDown();
                await(rotated);
                super.create(key);
            }
        };
        TenantKeyring uploading = new TenantKeyring(keks, latched, tenants, clock, Duration.ofMinutes(5), 2);
        Tenant readBeforeRotation = acme();
        AssetId asset = AssetId.random();
        CompletableFuture<byte[]> upload = CompletableFuture.supplyAsync(
                () -> uploading.newDataKey(readBeforeRotation, asset, Optional.empty()));
        await(sealed);
        rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME, RotateTenantKeys.Scope.TDK), "r1");
        assertEquals(Map.of(), acme().keys().retiredTdks(), "TDK 1 is gone");
        rotated.countDown();
        byte[] dek = upload.get(10, TimeUnit.SECONDS);

        assertEquals(2, dataKeys.find(ACME, asset).orElseThrow().tdkVersion());
        assertArrayEquals(dek, newKeyring().dataKey(acme(), asset), "the asset stays readable");
        assertEquals(3, rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME, RotateTenantKeys.Scope.TDK), "r2")
                .tdkVersion(), "and the next rotation succeeds");
        assertArrayEquals(dek, newKeyring().dataKey(acme(), asset));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A keyring store that passes every call on, so a test can hold or fail one of them. */
    static class DelegatingDataKeyStore implements DataKeyStore {
        private final DataKeyStore delegate;

        DelegatingDataKeyStore(DataKeyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void create(WrappedDataKey key) {
            delegate.create(key);
        }

        @Override
        public Optional<WrappedDataKey> find(TenantId tenant, AssetId id) {
            return delegate.find(tenant, id);
        }

        @Override
        public List<WrappedDataKey> findAll(TenantId tenant, List<AssetId> ids) {
            return delegate.findAll(tenant, ids);
        }

        @Override
        public boolean replace(WrappedDataKey key) {
            return delegate.replace(key);
        }

        @Override
        public void delete(TenantId tenant, AssetId id) {
            delegate.delete(tenant, id);
        }

        @Override
        public List<WrappedDataKey> sealedBefore(TenantId tenant, int version, int limit) {
            return delegate.sealedBefore(tenant, version, limit);
        }
    }

    @Test
    void aConcurrentRotationIsAConflictAndOnlyAdminsRotate() {
        TenantKeys before = acme().keys();
        tenants.replaceKeys(ACME, before, new TenantKeys(before.kekId(), 1, before.wrappedTdk(),
                before.wrappedBlindIndexKey()));
        assertThrows(ConflictException.class, () -> tenants.replaceKeys(ACME, new TenantKeys("other", 1,
                new byte[1], new byte[1]), before));
        Caller reader = Identities.customer(ACME, "u", Role.ASSET_READER);
        assertThrows(ForbiddenException.class, () -> rotate.handle(reader,
                new RotateTenantKeys.Command(ACME, RotateTenantKeys.Scope.KEK), "r1"));
        assertEquals(before, acme().keys());
    }
}
