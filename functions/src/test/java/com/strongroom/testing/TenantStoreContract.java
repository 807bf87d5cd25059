package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.TenantStore;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What every {@link TenantStore} adapter promises; one subclass per adapter. */
public abstract class TenantStoreContract {
    protected abstract TenantStore store();

    static Tenant tenant(String id, String name) {
        return new Tenant(TenantId.of(id), name, Region.WEST_EUROPE, Optional.empty(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "creator", TenantStatus.ACTIVE, new TenantKeys("local:tenant-" + id + "/00", 1, new byte[] {1, 2, 3},
                new byte[] {4, 5}));
    }

    static String uniqueId() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void tenantIdsArePagedInIdOrder() {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 6) + "-";
        for (String suffix : List.of("c", "a", "d", "b")) {
            store().create(tenant(prefix + suffix, "Paged"));
        }
        Optional<TenantId> before = Optional.of(TenantId.of(prefix.substring(0, prefix.length() - 1)));
        List<TenantId> first = store().ids(2, before);
        assertEquals(List.of(TenantId.of(prefix + "a"), TenantId.of(prefix + "b")), first);
        List<TenantId> rest = store().ids(2, Optional.of(first.get(1)));
        assertEquals(List.of(TenantId.of(prefix + "c"), TenantId.of(prefix + "d")), rest);
    }

    @Test
    void keysAreReplacedOnlyIfUnchangedAndKeepTheirRetiredVersions() {
        Tenant tenant = tenant(uniqueId(), "Rotating");
        store().create(tenant);
        TenantKeys rotated = new TenantKeys("local:tenant-x/01", 2, new byte[] {7}, new byte[] {8},
                java.util.Map.of(1, new byte[] {1, 2, 3}));
        store().replaceKeys(tenant.id(), tenant.keys(), rotated);
        assertEquals(rotated, store().find(tenant.id()).orElseThrow().keys());
        assertThrows(ConflictException.class, () -> store().replaceKeys(tenant.id(), tenant.keys(), tenant.keys()));
        assertEquals(rotated, store().find(tenant.id()).orElseThrow().keys());
        assertThrows(com.strongroom.core.error.NotFoundException.class,
                () -> store().replaceKeys(TenantId.of(uniqueId()), tenant.keys(), rotated));
    }

    @Test
    void anEntraTenantIsRegisteredOnceAndFindsItsTenant() {
        Tenant tenant = tenant(uniqueId(), "Registered");
        store().create(tenant);
        EntraTenantId entraTenant = EntraTenantId.of(UUID.randomUUID().toString());
        assertTrue(store().findByEntraTenant(entraTenant).isEmpty());
        store().registerEntraTenant(tenant.id(), entraTenant);
        store().registerEntraTenant(tenant.id(), entraTenant);
        assertEquals(tenant.withEntraTenant(entraTenant), store().findByEntraTenant(entraTenant).orElseThrow());
        assertEquals(Optional.of(entraTenant), store().find(tenant.id()).orElseThrow().entraTenant());
        assertThrows(ConflictException.class, () -> store().registerEntraTenant(tenant.id(),
                EntraTenantId.of(UUID.randomUUID().toString())));
        assertEquals(Optional.of(entraTenant), store().find(tenant.id()).orElseThrow().entraTenant());
        assertThrows(com.strongroom.core.error.NotFoundException.class,
                () -> store().registerEntraTenant(TenantId.of(uniqueId()), entraTenant));
    }

    @Test
    void aTenantCreatedWithItsEntraTenantIsFoundByIt() {
        EntraTenantId entraTenant = EntraTenantId.of(UUID.randomUUID().toString());
        Tenant created = tenant(uniqueId(), "Created registered").withEntraTenant(entraTenant);
        store().create(created);
        assertEquals(created, store().findByEntraTenant(entraTenant).orElseThrow());
    }

    @Test
    void anUnknownTenantIsAbsent() {
        assertTrue(store().find(TenantId.of(uniqueId())).isEmpty());
    }

    @Test
    void aCreatedTenantIsFoundWithEverythingItWasCreatedWith() {
        Tenant created = tenant(uniqueId(), "Acme");
        store().create(created);
        assertEquals(created, store().find(created.id()).orElseThrow());
    }

    @Test
    void aSecondCreateOfTheSameIdConflictsAndLeavesTheFirst() {
        String id = uniqueId();
        Tenant first = tenant(id, "First");
        store().create(first);
        assertThrows(ConflictException.class, () -> store().create(tenant(id, "Second")));
        assertEquals(first, store().find(first.id()).orElseThrow());
    }

    @Test
    void aStatusChangeKeepsEverythingElseAndAMissingTenantIsNotFound() {
        Tenant tenant = tenant(uniqueId(), "Leaving");
        store().create(tenant);

        store().changeStatus(tenant.id(), TenantStatus.CANCELLING);
        store().changeStatus(tenant.id(), TenantStatus.CANCELLING);

        assertEquals(tenant.withStatus(TenantStatus.CANCELLING), store().find(tenant.id()).orElseThrow());
        assertThrows(com.strongroom.core.error.NotFoundException.class,
                () -> store().changeStatus(TenantId.of(uniqueId()), TenantStatus.ACTIVE));
    }

    @Test
    void aStrippedTenantKeepsItsIdRegionAndDatesButNoNameAndNoWrappedKey() {
        Tenant tenant = tenant(uniqueId(), "Acme Ltd");
        store().create(tenant);

        store().strip(tenant.id());
        store().strip(tenant.id());

        Tenant stripped = store().find(tenant.id()).orElseThrow();
        assertEquals("", stripped.displayName());
        assertTrue(stripped.keys().isDestroyed());
        assertEquals(0, stripped.keys().wrappedBlindIndexKey().length);
        assertEquals(tenant.keys().kekId(), stripped.keys().kekId());
        assertEquals(tenant.homeRegion(), stripped.homeRegion());
        assertEquals(tenant.createdAt(), stripped.createdAt());
        assertThrows(ConflictException.class, () -> store().create(tenant), "the id is never given again");
    }
}
