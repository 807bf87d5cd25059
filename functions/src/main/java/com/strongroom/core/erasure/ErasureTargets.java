package com.strongroom.core.erasure;

import com.strongroom.core.access.Target;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;

/** How the audit trail names an erasure request. */
final class ErasureTargets {
    private ErasureTargets() {
    }

    static Target of(ErasureRequest request) {
        return of(request.tenantId(), request.id());
    }

    static Target of(TenantId tenant, ErasureId id) {
        return Target.tenant(tenant).and("erasure-requests").and(id.value());
    }
}
