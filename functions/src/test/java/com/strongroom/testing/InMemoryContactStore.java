package com.strongroom.testing;

import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContactStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryContactStore implements ContactStore {
    private final Map<TenantId, Contacts> contacts = new ConcurrentHashMap<>();

    @Override
    public Optional<Contacts> find(TenantId tenant) {
        return Optional.ofNullable(contacts.get(tenant));
    }

    @Override
    public void put(TenantId tenant, Contacts replacement) {
        contacts.put(tenant, replacement);
    }

    /** How many documents the tenant's contacts are (0 or 1). */
    public int count(TenantId tenant) {
        return contacts.containsKey(tenant) ? 1 : 0;
    }

    /** Deletes the tenant's contacts, as the purge deletes its partition. */
    public void forget(TenantId tenant) {
        contacts.remove(tenant);
    }
}
