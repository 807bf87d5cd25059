package com.strongroom.testing;

import com.strongroom.core.port.TenantStore;

class InMemoryTenantStoreTest extends TenantStoreContract {
    private final InMemoryTenantStore store = new InMemoryTenantStore();

    @Override
    protected TenantStore store() {
        return store;
    }
}
