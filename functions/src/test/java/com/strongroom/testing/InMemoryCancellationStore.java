package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.CancellationStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Cancellations in memory, versioned as the Cosmos adapter's ETags are; held to the same contract. */
public final class InMemoryCancellationStore implements CancellationStore {
    private final Map<TenantId, Cancellation> cancellations = new ConcurrentHashMap<>();

    @Override
    public Optional<Cancellation> find(TenantId tenant) {
        return Optional.ofNullable(cancellations.get(tenant));
    }

    @Override
    public Cancellation create(Cancellation cancellation) {
        Cancellation stored = cancellation.withVersion(UUID.randomUUID().toString());
        if (cancellations.putIfAbsent(cancellation.tenantId(), stored) != null) {
            throw new ConflictException("tenant " + cancellation.tenantId() + " has a cancellation already");
        }
        return stored;
    }

    @Override
    public synchronized Cancellation replace(Cancellation cancellation) {
        Cancellation current = cancellations.get(cancellation.tenantId());
        if (current == null || !current.version().equals(cancellation.version())) {
            throw new PreconditionFailedException("the cancellation changed since it was read");
        }
        Cancellation stored = cancellation.withVersion(UUID.randomUUID().toString());
        cancellations.put(cancellation.tenantId(), stored);
        return stored;
    }

    @Override
    public List<Cancellation> open(int limit) {
        return cancellations.values().stream().filter(c -> c.state().open()).limit(limit).toList();
    }
}
