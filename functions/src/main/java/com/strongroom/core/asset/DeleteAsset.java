package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
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
    private final AssetLookup lookup;
    private final TenantKeyring keyring;
    private final ContentStore content;
    private final AuditRecorder audit;

    public DeleteAsset(AccessControl access, AssetStore assets, TenantKeyring keyring, ContentStore content,
                       AuditRecorder audit) {
        this.access = access;
        this.assets = assets;
        this.lookup = new AssetLookup(assets, audit);
        this.keyring = keyring;
        this.content = content;
        this.audit = audit;
    }

    public void handle(Caller caller, TenantId tenantId, AssetId id, String requestId) {
        String target = "tenants/" + tenantId + "/assets/" + id;
        Tenant tenant = access.authorizeTenant(caller, Operation.ASSET_DELETE, tenantId, target, requestId);
        Asset asset = assets.find(tenant.id(), id)
                .orElseThrow(() -> lookup.notFound(caller, Operation.ASSET_DELETE, tenant, id, requestId));
        if (asset.legalHold().isPresent()) {
            audit.failed(caller, Operation.ASSET_DELETE, tenant.id().value(), target, requestId);
            throw new ConflictException("the asset is under legal hold and cannot be deleted");
        }
        if (asset.visible()) {
            try {
                assets.replace(asset.withState(Asset.State.DELETING));
            } catch (PreconditionFailedException e) {
                audit.failed(caller, Operation.ASSET_DELETE, tenant.id().value(), target, requestId);
                throw new ConflictException("the asset changed while it was being deleted; try again");
            }
        }
        keyring.destroy(tenant.id(), id);
        content.delete(tenant.id(), id);
        assets.delete(tenant.id(), id);
        audit.success(caller, Operation.ASSET_DELETE, tenant.id().value(), target, requestId);
    }
}
