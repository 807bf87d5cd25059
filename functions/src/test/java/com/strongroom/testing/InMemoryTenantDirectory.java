package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.port.TenantDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The shared directory for core tests; held to the same contract as the Cosmos adapter, and able to go down. */
public final class InMemoryTenantDirectory implements TenantDirectory {
    private final Map<EntraTenantId, DirectoryEntry> entries = new ConcurrentHashMap<>();
    private volatile boolean down;

    @Override
    public Optional<DirectoryEntry> find(EntraTenantId entraTenant) {
        available();
        return Optional.ofNullable(entries.get(entraTenant));
    }

    @Override
    public void claim(DirectoryEntry entry) {
        available();
        DirectoryEntry existing = entries.putIfAbsent(entry.entraTenant(), entry);
        if (existing != null && !existing.equals(entry)) {
            throw new ConflictException("Entra tenant " + entry.entraTenant() + " is already registered on a tenant");
        }
    }

    @Override
    public void release(DirectoryEntry entry) {
        available();
        entries.remove(entry.entraTenant(), entry);
    }

    /** While down, every call fails as an unreachable directory does. */
    public void down(boolean down) {
        this.down = down;
    }

    private void available() {
        if (down) {
            throw new DependencyUnavailableException(com.strongroom.core.error.Dependency.DIRECTORY, new IllegalStateException("stopped"));
        }
    }
}
