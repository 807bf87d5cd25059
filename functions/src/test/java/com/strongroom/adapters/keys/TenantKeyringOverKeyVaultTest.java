package com.strongroom.adapters.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key hierarchy over the real Key Vault SDK and the wire-level stand-in, which counts the unwraps: downloads
 * need no Key Vault call once a tenant's TDK is cached, and throttling on the one unwrap that is needed is retried.
 */
class TenantKeyringOverKeyVaultTest {
    @TempDir
    static Path dir;
    static KeyVaultStandIn vault;
    static KeyVaultKeyring keks;

    @BeforeAll
    static void start() throws Exception {
        vault = new KeyVaultStandIn(dir);
        keks = new KeyVaultKeyring(KeyVaultKeyringTest.clientsFor(vault), true);
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    private static final InMemoryTenantStore TENANTS = new InMemoryTenantStore();

    private static Tenant tenant(String id) {
        TenantId tenantId = TenantId.of(id);
        String kekId = keks.create(tenantId);
        byte[] tdk = Aes256Gcm.newKey();
        Tenant tenant = new Tenant(tenantId, id, Region.WEST_EUROPE, Optional.empty(), Instant.now(), "admin",
                TenantStatus.ACTIVE, new TenantKeys(kekId, 1, keks.wrap(kekId, tdk), Aes256Gcm.seal(tdk,
                Aes256Gcm.newKey(), com.strongroom.core.tenant.KeyBindings.blindIndexKey(tenantId, 1))));
        TENANTS.create(tenant);
        return tenant;
    }

    @Test
    void tenThousandDownloadsAcrossTenTenantsCostOneUnwrapPerTenantPerCacheLifetime() {
        TestClock clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
        TenantKeyring keyring = new TenantKeyring(keks, new InMemoryDataKeyStore(clock), TENANTS, clock,
                Duration.ofMinutes(5), 100);
        int start = vault.calls("unwrapkey");
        List<Tenant> tenants = new ArrayList<>();
        List<AssetId> assets = new ArrayList<>();
        List<byte[]> deks = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            Tenant tenant = tenant("count-" + t);
            tenants.add(tenant);
            AssetId asset = AssetId.random();
            assets.add(asset);
            deks.add(keyring.newDataKey(tenant, asset, Optional.empty()));
        }
        int before = vault.calls("unwrapkey");
        assertEquals(10, before - start, "one unwrap per tenant to seal its first DEK");

        for (int i = 0; i < 10_000; i++) {
            int t = i % 10;
            assertArrayEquals(deks.get(t), keyring.dataKey(tenants.get(t), assets.get(t)));
        }
        assertEquals(before, vault.calls("unwrapkey"), "cached TDKs: no Key Vault call per download");

        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 10_000; i++) {
            int t = i % 10;
            keyring.dataKey(tenants.get(t), assets.get(t));
        }
        assertEquals(before + 10, vault.calls("unwrapkey"), "one unwrap per tenant once the cache lifetime ends");
    }

    @Test
    void aThrottledUnwrapIsRetriedAndTheDownloadSucceeds() {
        TestClock clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
        InMemoryDataKeyStore dataKeys = new InMemoryDataKeyStore(clock);
        Tenant tenant = tenant("throttled");
        AssetId asset = AssetId.random();
        byte[] dek = new TenantKeyring(keks, dataKeys, TENANTS, clock, Duration.ofMinutes(5), 10)
                .newDataKey(tenant, asset, Optional.empty());
        TenantKeyring fresh = new TenantKeyring(keks, dataKeys, TENANTS, clock, Duration.ofMinutes(5), 10);
        vault.failNext(429, 2);
        try {
            assertArrayEquals(dek, fresh.dataKey(tenant, asset));
        } finally {
            vault.clearFailures();
        }
    }
}
