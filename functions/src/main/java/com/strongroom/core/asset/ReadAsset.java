package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import java.util.Optional;

/** Reads an asset's metadata (support staff: under a consent grant); every read is audited. */
public final class ReadAsset {
    /**
     * @param digestShown false for a support engineer whose grant does not let them read content: the plaintext's
     *                    SHA-256 would let them confirm a guess of the file, which is reading it
     */
    public record Result(Asset asset, boolean digestShown) {
    }

    /** Whether the request may see content digests: anyone but support staff under a grant without content:read. */
    static boolean digestShown(RequestScope scope) {
        return scope.caller().consent().map(g -> g.permissions().contains(ConsentPermission.CONTENT_READ)).orElse(true);
    }

    private final AccessControl access;
    private final AssetLookup lookup;

    public ReadAsset(AccessControl access, AssetStore assets) {
        this.access = access;
        this.lookup = new AssetLookup(assets);
    }

    public Operation operation() {
        return Operation.ASSET_READ;
    }

    public Result handle(Caller caller, TenantId tenantId, AssetId id, String requestId) {
        RequestScope scope = access.authorizeRead(caller, operation(), tenantId, Optional.of(id),
                Target.asset(tenantId, id), requestId);
        Asset asset = lookup.visible(scope, id);
        scope.succeeded();
        return new Result(asset, digestShown(scope));
    }
}
