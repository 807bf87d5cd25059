package com.strongroom.core.asset;

import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finishes deletes that a crash interrupted. A delete marks the asset deleting (from then on it is invisible), then
 * destroys its DEK, its blob and its document; a crash in between left an invisible asset whose key or blob nothing
 * removed. The sweep does the remaining steps, each of which does nothing when already done, and records the delete
 * as the system's. The DEK goes first, as in a delete, so whatever a crash leaves is unreadable.
 */
public final class FinishInterruptedDeletes {
    static final int BATCH = 100;

    private final AssetStore assets;
    private final TenantKeyring keyring;
    private final ContentStore content;
    private final AuditRecorder audit;

    public FinishInterruptedDeletes(AssetStore assets, TenantKeyring keyring, ContentStore content,
                                    AuditRecorder audit) {
        this.assets = assets;
        this.keyring = keyring;
        this.content = content;
        this.audit = audit;
    }

    /** Finishes every interrupted delete; returns how many. */
    public int handle(String requestId) {
        int finished = 0;
        Set<AssetId> done = new HashSet<>();
        List<Asset> batch = assets.deleting(BATCH);
        while (batch.stream().anyMatch(a -> !done.contains(a.id()))) {
            for (Asset asset : batch) {
                if (!done.add(asset.id())) {
                    continue;
                }
                keyring.destroy(asset.tenantId(), asset.id());
                content.delete(asset.tenantId(), asset.id());
                assets.delete(asset.tenantId(), asset.id());
                audit.system(Operation.ASSET_DELETE, asset.tenantId().value(),
                        Target.asset(asset.tenantId(), asset.id()).path(), requestId);
                finished++;
            }
            batch = assets.deleting(BATCH);
        }
        return finished;
    }
}
