package com.strongroom.core.port;

import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Asset metadata of the tenants homed in this stamp. */
public interface AssetStore {
    /** Stores a new asset and returns it with its version; throws {@code ConflictException} when the id is taken. */
    Asset create(Asset asset);

    /** The asset in any state, with its current version. */
    Optional<Asset> find(TenantId tenant, AssetId id);

    /**
     * Replaces an asset if it is still at {@code asset.version()}; returns it with its new version, or throws
     * {@code PreconditionFailedException} if it changed or is gone.
     */
    Asset replace(Asset asset);

    /** Removes an asset; nothing happens if it is already gone. */
    void delete(TenantId tenant, AssetId id);

    /**
     * Up to {@code limit} assets of any tenant left half done: every one whose delete began (state DELETING), and
     * every one-request upload (state UPLOADING) that began before {@code uploadsStartedBefore}.
     */
    List<Asset> unfinished(Instant uploadsStartedBefore, int limit);

    /**
     * Up to {@code limit} assets of a tenant, in any state, tagged with any of the blind-index values
     * {@code subjectIndex}, ordered by id and starting after {@code after}: an erasure walks them chunk by chunk.
     */
    List<Asset> concerning(TenantId tenant, List<String> subjectIndex, Optional<AssetId> after, int limit);

    /** Active assets of a tenant, optionally only those tagged with a blind-index value, oldest first. */
    Page list(TenantId tenant, Optional<String> subjectIndex, int pageSize, Optional<String> continuation);

    record Page(List<Asset> assets, Optional<String> continuation) {
        public Page {
            assets = List.copyOf(assets);
        }
    }
}
