package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDataSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link TenantDataSet} adapter must do: count and delete one tenant's items, and nobody else's. */
public abstract class TenantDataSetContract {
    protected final TenantId tenant = TenantId.of("ds-" + UUID.randomUUID().toString().substring(0, 8));
    protected final TenantId neighbour = TenantId.of(tenant.value() + "x");

    protected abstract TenantDataSet set();

    /** Stores one item of the tenant where the set finds it. */
    protected abstract void put(TenantId owner, String item);

    @Test
    void countsAndDeletesTheTenantsItemsOnly() {
        for (int i = 0; i < 7; i++) {
            put(tenant, "item-" + i);
        }
        put(neighbour, "item-0");
        assertEquals(7, set().count(tenant));

        set().deleteAll(tenant);
        set().deleteAll(tenant);

        assertEquals(0, set().count(tenant));
        assertEquals(1, set().count(neighbour), "a tenant whose id starts with the purged one's keeps its items");
    }

    @Test
    void deletesMoreThanOnePageOfItems() {
        for (int i = 0; i < 1_100; i++) {
            put(tenant, "bulk-" + i);
        }

        set().deleteAll(tenant);

        assertEquals(0, set().count(tenant));
    }
}
