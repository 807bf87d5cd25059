package com.strongroom.core.asset;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;

/** Told when a legal hold is released, so that whatever the hold kept from being erased is erased now. */
public interface HoldReleases {
    /** Called after a release is stored, and again if the caller releases again; must be idempotent. */
    void released(TenantId tenant, AssetId asset, String requestId);

    static HoldReleases none() {
        return (tenant, asset, requestId) -> {
        };
    }
}
