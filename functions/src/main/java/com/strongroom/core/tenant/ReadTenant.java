package com.strongroom.core.tenant;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;

public final class ReadTenant {
    private final AccessControl access;
    private final AuditRecorder audit;

    public ReadTenant(AccessControl access, AuditRecorder audit) {
        this.access = access;
        this.audit = audit;
    }

    public Tenant handle(Caller caller, TenantId id, String requestId) {
        String target = "tenants/" + id;
        Tenant tenant = access.authorizeTenant(caller, Operation.TENANT_READ, id, target, requestId);
        audit.success(caller, Operation.TENANT_READ, id.value(), target, requestId);
        return tenant;
    }
}
