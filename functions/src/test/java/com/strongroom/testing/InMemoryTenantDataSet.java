package com.strongroom.testing;

import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDataSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Items of each tenant, by name, as a partition or blob prefix holds them; for the purge's unit tests. */
public final class InMemoryTenantDataSet implements TenantDataSet {
    private final String kind;
    private final Map<TenantId, Set<String>> items = new ConcurrentHashMap<>();

    public InMemoryTenantDataSet(String kind) {
        this.kind = kind;
    }

    public void add(TenantId tenant, String item) {
        items.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(item);
    }

    public Set<String> items(TenantId tenant) {
        return Set.copyOf(items.getOrDefault(tenant, Set.of()));
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public long count(TenantId tenant) {
        return items.getOrDefault(tenant, Set.of()).size();
    }

    @Override
    public void deleteAll(TenantId tenant) {
        Set<String> held = items.get(tenant);
        if (held != null) {
            held.clear();
        }
    }
}
