package com.strongroom.core.tenant;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;

/** Reads a tenant, without its key material. */
public final class ReadTenant {
    private final AccessControl access;

    public ReadTenant(AccessControl access) {
        this.access = access;
    }

    public Operation operation() {
        return Operation.TENANT_READ;
    }

    public Tenant handle(Caller caller, TenantId id, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), id, Target.tenant(id), requestId);
        scope.succeeded();
        return scope.tenant();
    }
}
