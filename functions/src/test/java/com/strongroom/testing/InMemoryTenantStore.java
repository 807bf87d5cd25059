package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.TenantStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A tenant store for unit tests of the core; held to the same contract as the Cosmos adapter. */
public final class InMemoryTenantStore implements TenantStore {
    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();

    @Override
    public Optional<Tenant> find(TenantId id) {
        reads.incrementAndGet();
        return Optional.ofNullable(tenants.get(id));
    }

    @Override
    public Optional<Tenant> findByEntraTenant(EntraTenantId entraTenant) {
        lookups.incrementAndGet();
        return tenants.values().stream().filter(t -> t.entraTenant().equals(Optional.of(entraTenant))).findFirst();
    }

    @Override
    public void registerEntraTenant(TenantId id, EntraTenantId entraTenant) {
        Tenant current = tenants.get(id);
        if (current == null) {
            throw new NotFoundException("no tenant " + id);
        }
        if (current.entraTenant().isPresent()) {
            if (!current.entraTenant().get().equals(entraTenant)) {
                throw new ConflictException("tenant " + id + " is already registered to another Entra tenant");
            }
            return;
        }
        if (!tenants.replace(id, current, current.withEntraTenant(entraTenant))) {
            throw new ConflictException("tenant " + id + " changed meanwhile");
        }
    }

    @Override
    public List<TenantId> ids(int limit, Optional<TenantId> after) {
        return tenants.keySet().stream().map(TenantId::value).filter(id -> id.compareTo(after.map(TenantId::value)
                .orElse("")) > 0).sorted().limit(limit).map(TenantId::of).toList();
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

    @Override
    public void changeStatus(TenantId id, TenantStatus status) {
        if (tenants.computeIfPresent(id, (key, tenant) -> tenant.withStatus(status)) == null) {
            throw new NotFoundException("no tenant " + id);
        }
    }

    @Override
    public void strip(TenantId id) {
        if (tenants.computeIfPresent(id, (key, tenant) -> tenant.stripped()) == null) {
            throw new NotFoundException("no tenant " + id);
        }
    }

    /** Reads of one tenant by its id. */
    public int reads() {
        return reads.get();
    }

    /** Lookups of a tenant by its Entra tenant. */
    public int lookups() {
        return lookups.get();
    }
}
