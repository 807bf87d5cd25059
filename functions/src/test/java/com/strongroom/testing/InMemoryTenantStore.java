package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.port.TenantStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A tenant store for unit tests of the core; held to the same contract as the Cosmos adapter. */
public final class InMemoryTenantStore implements TenantStore {
    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<Tenant> find(TenantId id) {
        reads.incrementAndGet();
        return Optional.ofNullable(tenants.get(id));
    }

    @Override
    public void create(Tenant tenant) {
        if (tenants.putIfAbsent(tenant.id(), tenant) != null) {
            throw new ConflictException("tenant " + tenant.id() + " already exists");
        }
    }

    @Override
    public void replaceKeys(TenantId id, TenantKeys expected, TenantKeys replacement) {
        Tenant current = tenants.get(id);
        if (current == null) {
            throw new NotFoundException("no tenant " + id);
        }
        if (!current.keys().equals(expected) || !tenants.replace(id, current, current.withKeys(replacement))) {
            throw new ConflictException("the keys of tenant " + id + " changed meanwhile");
        }
    }

    public int reads() {
        return reads.get();
    }
}
