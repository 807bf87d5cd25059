package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.TenantStore;
import com.strongroom.core.tenant.CachingTenantStore;
import com.strongroom.testing.CallCounter;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One tenant with its tenant store and keyring wired as the app wires them (the tenant kept five seconds, the keyring
 * reading it fresh), every port call counted: what the store-call tests share.
 */
final class CountedTenant {
    static final TenantId ACME = TenantId.of("acme");

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
    final CallCounter counter = new CallCounter();
    final CachingTenantStore tenants;
    final TenantKeyring keyring;

    CountedTenant() {
        CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
        InMemoryTenantStore tenantStore = new InMemoryTenantStore();
        tenantStore.create(new Tenant(ACME, "Acme", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(ACME)),
                clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(ACME)));
        tenants = new CachingTenantStore(counter.around(TenantStore.class, tenantStore), Duration.ofSeconds(5), 100,
                clock);
        keyring = new TenantKeyring(counter.around(KeyEncryptionKeys.class, keks),
                counter.around(DataKeyStore.class, new InMemoryDataKeyStore(clock)), tenants.fresh(), clock,
                Duration.ofMinutes(5), 10);
    }

    /** Access control over this tenant store, as the app wires it, with no consent grants. */
    AccessControl access(AuditRecorder audit) {
        return Identities.accessControl(Region.WEST_EUROPE, tenants, InMemoryGrantStore.noGrants(clock), audit);
    }
}
