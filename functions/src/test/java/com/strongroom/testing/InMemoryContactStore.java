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
}
