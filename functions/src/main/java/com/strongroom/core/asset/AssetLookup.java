package com.strongroom.core.asset;

import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.port.AssetStore;

/** Finds an asset the caller's tenant holds; anything else, including another tenant's asset, is 404. */
final class AssetLookup {
    private final AssetStore assets;

    AssetLookup(AssetStore assets) {
        this.assets = assets;
    }

    Asset visible(RequestScope scope, AssetId id) {
        return assets.find(scope.tenant().id(), id).filter(Asset::visible).orElseThrow(() -> notFound(scope, id));
    }

    /** 404 for {@code id}, recorded against the asset as the failure of the request. */
    static NotFoundException notFound(RequestScope scope, AssetId id) {
        return scope.at(Target.asset(scope.tenant().id(), id)).failed(new NotFoundException("no asset " + id
                + " in tenant " + scope.tenant().id()));
    }
}
