package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;

/**
 * Deletes an asset by crypto-shredding: the asset is first marked as being deleted (hidden from every read),
 * then its DEK is destroyed, then the ciphertext and the metadata are removed. A crash between steps leaves an
 * invisible asset whose content is already unreadable, and deleting again finishes the job.
 */
public final class DeleteAsset {
    private final AccessControl access;
    private final AssetStore assets;
    private final TenantKeyring keyring;
    private final ContentStore content;

    public DeleteAsset(AccessControl access, AssetStore assets, TenantKeyring keyring, ContentStore content) {
        this.access = access;
        this.assets = assets;
        this.keyring = keyring;
        this.content = content;
    }

    public Operation operation() {
        return Operation.ASSET_DELETE;
    }

    public void handle(Caller caller, TenantId tenantId, AssetId id, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), tenantId, Target.asset(tenantId, id),
                requestId);
        Tenant tenant = scope.tenant();
        Asset asset = assets.find(tenant.id(), id).filter(a -> a.state() != Asset.State.UPLOADING)
                .orElseThrow(() -> AssetLookup.notFound(scope, id));
        if (asset.legalHold().isPresent()) {
            throw scope.failed(new ConflictException("the asset is under legal hold and cannot be deleted"));
        }
        RequestScope change = scope.attempting();
        if (asset.visible()) {
            try {
                assets.replace(asset.withState(Asset.State.DELETING));
            } catch (PreconditionFailedException e) {
                throw change.failed(new ConflictException("the asset changed while it was being deleted; try again"));
            }
        }
        keyring.destroy(tenant.id(), id);
        content.delete(tenant.id(), id);
        assets.delete(tenant.id(), id);
        change.succeeded();
    }
}
