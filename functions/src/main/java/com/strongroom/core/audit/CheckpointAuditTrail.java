package com.strongroom.core.audit;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.TenantId;
import java.util.ArrayList;
import java.util.List;

/** On demand: signs the current end of each of a tenant's chains. */
public final class CheckpointAuditTrail {
    private final AccessControl access;
    private final Checkpointer checkpointer;
    private final int lanes;

    public CheckpointAuditTrail(AccessControl access, Checkpointer checkpointer, int lanes) {
        this.access = access;
        this.checkpointer = checkpointer;
        this.lanes = lanes;
    }

    public Operation operation() {
        return Operation.AUDIT_CHECKPOINT;
    }

    public List<Checkpoint> handle(Caller caller, TenantId tenant, String requestId) {
        access.authorizeTenant(caller, operation(), tenant, Target.tenant(tenant).and("audit-checkpoints"), requestId)
                .succeeded();
        List<Checkpoint> made = new ArrayList<>();
        for (String chain : ChainedEvent.allLanes(lanes)) {
            checkpointer.checkpointEnd(tenant.value(), chain).ifPresent(made::add);
        }
        return made;
    }
}
