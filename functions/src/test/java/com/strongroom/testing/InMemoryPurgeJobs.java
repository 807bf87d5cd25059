package com.strongroom.testing;

import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.PurgeJobs;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/** The {@code tenant-jobs} queue's purge messages, in memory. */
public final class InMemoryPurgeJobs implements PurgeJobs {
    private final ConcurrentLinkedDeque<TenantId> queued = new ConcurrentLinkedDeque<>();

    @Override
    public void enqueue(TenantId tenant) {
        queued.add(tenant);
    }

    public Optional<TenantId> next() {
        return Optional.ofNullable(queued.poll());
    }

    public int size() {
        return queued.size();
    }
}
