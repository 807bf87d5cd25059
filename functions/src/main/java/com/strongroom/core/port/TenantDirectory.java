package com.strongroom.core.port;

import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import java.util.Optional;

/**
 * The directory shared by every stamp: Entra tenant id to Strongroom tenant and home region. One entry per Entra
 * tenant, so a customer directory is registered on at most one tenant anywhere. Throws
 * {@code DependencyUnavailableException} when it cannot be reached.
 */
public interface TenantDirectory {
    Optional<DirectoryEntry> find(EntraTenantId entraTenant);

    /**
     * Records {@code entry} unless the Entra tenant is already registered: claiming the same entry again changes
     * nothing; an entry for another tenant or region is a {@code ConflictException} and stays as it was.
     */
    void claim(DirectoryEntry entry);

    /** Removes {@code entry} if it is still exactly this entry (undoing a claim whose tenant was never created). */
    void release(DirectoryEntry entry);
}
