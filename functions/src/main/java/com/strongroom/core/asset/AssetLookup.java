package com.strongroom.core.asset;

import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.port.AssetStore;

/** Finds an asset the caller's tenant holds; anything else, including another tenant's asset, is 404. */
final class AssetLookup {
    private final AssetStore assets;
    private final AuditRecorder audit;

    AssetLookup(AssetStore assets, AuditRecorder audit) {
        this.assets = assets;
        this.audit = audit;
    }

    Asset visible(Caller caller, Operation operation, Tenant tenant, AssetId id, String requestId) {
        return assets.find(tenant.id(), id).filter(Asset::visible).orElseThrow(() -> notFound(caller, operation,
                tenant, id, requestId));
    }

    NotFoundException notFound(Caller caller, Operation operation, Tenant tenant, AssetId id, String requestId) {
        audit.failed(caller, operation, tenant.id().value(), target(tenant, id), requestId);
        return new NotFoundException("no asset " + id + " in tenant " + tenant.id());
    }

    static String target(Tenant tenant, AssetId id) {
        return "tenants/" + tenant.id() + "/assets/" + id;
    }
}
