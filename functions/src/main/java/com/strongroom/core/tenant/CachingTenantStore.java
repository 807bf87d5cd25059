package com.strongroom.core.tenant;

import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant store with each tenant kept for a few seconds once read, so that a request (every part of an upload,
 * say) does not read its tenant document again each time. Every write goes through to the store and forgets the
 * tenant here, so this instance sees its own changes at once; another instance's changes (a cancellation, a key
 * rotation) are seen within {@code ttl}. What must be current reads {@link #fresh()}: the keyring's check for a TDK
 * rotation does, and a TDK version the cached tenant does not know yet sends the keyring to the store too.
 */
public final class CachingTenantStore implements TenantStore {
    private record Entry(Tenant tenant, Instant readAt) {
    }

    private final TenantStore store;
    private final Duration ttl;
    private final int maxTenants;
    private final Clock clock;
    private final Map<TenantId, Entry> cache = new ConcurrentHashMap<>();

    public CachingTenantStore(TenantStore store, Duration ttl, int maxTenants, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.maxTenants = maxTenants;
        this.clock = clock;
    }

    /** The store itself, for reads that must see every instance's latest write. */
    public TenantStore fresh() {
        return store;
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        Instant now = clock.instant();
        Entry entry = cache.get(id);
        if (entry != null && now.isBefore(entry.readAt().plus(ttl))) {
            return Optional.of(entry.tenant());
        }
        Optional<Tenant> found = store.find(id);
        if (found.isPresent()) {
            keep(found.get(), now);
        } else {
            cache.remove(id);
        }
        return found;
    }

    /** Looks the tenant up in the store, always; a tenant found is kept for the reads by id that follow. */
    @Override
    public Optional<Tenant> findByEntraTenant(EntraTenantId entraTenant) {
        Optional<Tenant> found = store.findByEntraTenant(entraTenant);
        found.ifPresent(tenant -> keep(tenant, clock.instant()));
        return found;
    }

    private void keep(Tenant tenant, Instant readAt) {
        if (cache.size() >= maxTenants) {
            cache.clear();
        }
        cache.put(tenant.id(), new Entry(tenant, readAt));
    }

    @Override
    public void replaceKeys(TenantId id, TenantKeys expected, TenantKeys replacement) {
        writeThrough(id, () -> store.replaceKeys(id, expected, replacement));
    }

    @Override
    public void registerEntraTenant(TenantId id, EntraTenantId entraTenant) {
        writeThrough(id, () -> store.registerEntraTenant(id, entraTenant));
    }

    @Override
    public void changeStatus(TenantId id, TenantStatus status) {
        writeThrough(id, () -> store.changeStatus(id, status));
    }

    @Override
    public void strip(TenantId id) {
        writeThrough(id, () -> store.strip(id));
    }

    /** Writes to the store and forgets the tenant here, whether the write succeeded or not. */
    private void writeThrough(TenantId id, Runnable write) {
        try {
            write.run();
        } finally {
            cache.remove(id);
        }
    }

    @Override
    public void create(Tenant tenant) {
        store.create(tenant);
    }

    @Override
    public List<TenantId> ids(int limit, Optional<TenantId> after) {
        return store.ids(limit, after);
    }
}
