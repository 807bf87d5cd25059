package com.strongroom.core.port;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.WrappedDataKey;
import java.util.List;
import java.util.Optional;

/**
 * The keyring: each asset's DEK sealed under its tenant's TDK. Kept apart from everything else (its own Cosmos
 * account with short backups) so that deleting an entry makes the asset's content unreadable everywhere.
 */
public interface DataKeyStore {
    /** Stores a new entry; throws {@code ConflictException} when the asset already has one. */
    void create(WrappedDataKey key);

    /** The entry of an asset, unless it has expired or been destroyed. */
    Optional<WrappedDataKey> find(TenantId tenant, AssetId asset);

    /** The live entries of some of a tenant's assets (at most 100), in one read; assets without one are left out. */
    List<WrappedDataKey> findAll(TenantId tenant, List<AssetId> assets);

    /** Replaces an entry if it is still at {@code key.version()}; false if it changed or is gone. */
    boolean replace(WrappedDataKey key);

    /** Destroys an entry; nothing happens if it is already gone. */
    void delete(TenantId tenant, AssetId asset);

    /** Up to {@code limit} entries of a tenant sealed under a TDK version older than {@code tdkVersion}. */
    List<WrappedDataKey> sealedBefore(TenantId tenant, int tdkVersion, int limit);
}
