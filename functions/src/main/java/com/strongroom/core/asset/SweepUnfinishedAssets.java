package com.strongroom.core.asset;

import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what a crash left half done, all of it already invisible. A delete marks the asset deleting, then destroys
 * its DEK, its blob and its document; a one-request upload stores an uploading document first, then its DEK and
 * blob, and makes the document active last. The sweep finishes such deletes, and removes such uploads once they are
 * older than any upload can run ({@link UploadAsset#LONGEST_RUN}), with the same steps, each of which
 * does nothing when already done, and records each removal as the system's delete. The DEK goes first, so whatever a
 * crash of the sweep leaves is unreadable.
 */
public final class SweepUnfinishedAssets {
    static final int BATCH = 100;

    private final AssetStore assets;
    private final TenantKeyring keyring;
    private final ContentStore content;
    private final AuditRecorder audit;
    private final Clock clock;

    public SweepUnfinishedAssets(AssetStore assets, TenantKeyring keyring, ContentStore content, AuditRecorder audit,
                                 Clock clock) {
        this.assets = assets;
        this.keyring = keyring;
        this.content = content;
        this.audit = audit;
        this.clock = clock;
    }

    /** Removes every half-done delete and upload; returns how many. */
    public int handle(String requestId) {
        Instant uploadsStartedBefore = clock.instant().minus(UploadAsset.LONGEST_RUN);
        int removed = 0;
        Set<AssetId> done = new HashSet<>();
        List<Asset> batch = assets.unfinished(uploadsStartedBefore, BATCH);
        while (batch.stream().anyMatch(a -> !done.contains(a.id()))) {
            for (Asset asset : batch) {
                if (!done.add(asset.id()) || asset.visible()
                        || asset.state() == Asset.State.UPLOADING && !asset.createdAt().isBefore(uploadsStartedBefore)) {
                    continue;
                }
                keyring.destroy(asset.tenantId(), asset.id());
                content.delete(asset.tenantId(), asset.id());
                assets.delete(asset.tenantId(), asset.id());
                audit.system(Operation.ASSET_DELETE, asset.tenantId().value(),
                        Target.asset(asset.tenantId(), asset.id()).path(), requestId);
                removed++;
            }
            batch = assets.unfinished(uploadsStartedBefore, BATCH);
        }
        return removed;
    }
}
