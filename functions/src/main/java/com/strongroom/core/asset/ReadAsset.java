package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import java.util.Optional;

/** Reads an asset's metadata (support staff: under a consent grant); every read is audited. */
public final class ReadAsset {
    private final AccessControl access;
    private final AssetLookup lookup;

    public ReadAsset(AccessControl access, AssetStore assets) {
        this.access = access;
        this.lookup = new AssetLookup(assets);
    }

    public Operation operation() {
        return Operation.ASSET_READ;
    }

    public Asset handle(Caller caller, TenantId tenantId, AssetId id, String requestId) {
        RequestScope scope = access.authorizeRead(caller, operation(), tenantId, Optional.of(id),
                Target.asset(tenantId, id), requestId);
        Asset asset = lookup.visible(scope, id);
        scope.succeeded();
        return asset;
    }
}
