package com.strongroom.core.audit;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.TenantId;
import java.util.ArrayList;
import java.util.List;

/** On demand: signs the current end of each of a tenant's chains. */
public final class CheckpointAuditTrail {
    private final AccessControl access;
    private final Checkpointer checkpointer;
    private final AuditRecorder audit;

    public CheckpointAuditTrail(AccessControl access, Checkpointer checkpointer, AuditRecorder audit) {
        this.access = access;
        this.checkpointer = checkpointer;
        this.audit = audit;
    }

    public List<Checkpoint> handle(Caller caller, TenantId tenant, String requestId) {
        String target = "tenants/" + tenant + "/audit-checkpoints";
        access.authorizeTenant(caller, Operation.AUDIT_CHECKPOINT, tenant, target, requestId);
        audit.success(caller, Operation.AUDIT_CHECKPOINT, tenant.value(), target, requestId);
        List<Checkpoint> made = new ArrayList<>();
        for (EventClass eventClass : EventClass.values()) {
            checkpointer.checkpointEnd(tenant.value(), ChainedEvent.chainOf(eventClass)).ifPresent(made::add);
        }
        return made;
    }
}
