package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import java.util.Optional;

/** Reads an asset's metadata (support staff: under a consent grant); every read is audited. */
public final class ReadAsset {
    private final AccessControl access;
    private final AssetLookup lookup;
    private final AuditRecorder audit;

    public ReadAsset(AccessControl access, AssetStore assets, AuditRecorder audit) {
        this.access = access;
        this.lookup = new AssetLookup(assets, audit);
        this.audit = audit;
    }

    public Asset handle(Caller caller, TenantId tenantId, AssetId id, String requestId) {
        String target = "tenants/" + tenantId + "/assets/" + id;
        AccessControl.Authorized authorized = access.authorizeRead(caller, Operation.ASSET_READ, tenantId,
                Optional.of(id), target, requestId);
        Tenant tenant = authorized.tenant();
        Asset asset = lookup.visible(authorized.caller(), Operation.ASSET_READ, tenant, id, requestId);
        audit.success(authorized.caller(), Operation.ASSET_READ, tenant.id().value(), target, requestId);
        return asset;
    }
}
