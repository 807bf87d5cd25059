package com.strongroom.core.erasure;

import com.strongroom.core.access.Operation;
import com.strongroom.core.asset.HoldReleases;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureRequest.State;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.core.port.ErasureStore;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * When the legal hold on an asset an erasure request retained is released, the request runs again: the asset is
 * erased under it, and the request completes again with a reissued receipt. A request still running finds the asset
 * by itself; a failed one does on its retry.
 */
public final class EraseReleasedAssets implements HoldReleases {
    private static final Set<State> DONE = EnumSet.of(State.COMPLETED, State.IRRECOVERABLE);

    private final ErasureStore erasures;
    private final ErasureJobs jobs;
    private final AuditRecorder audit;

    public EraseReleasedAssets(ErasureStore erasures, ErasureJobs jobs, AuditRecorder audit) {
        this.erasures = erasures;
        this.jobs = jobs;
        this.audit = audit;
    }

    @Override
    public void released(TenantId tenant, AssetId asset, String requestId) {
        for (ErasureId id : erasures.retaining(tenant, asset)) {
            Optional<ErasureRequest> request = erasures.find(tenant, id).filter(r -> DONE.contains(r.state()));
            if (request.isEmpty()) {
                continue;
            }
            audit.system(Operation.ERASURE_RUN, tenant.value(), ErasureTargets.of(tenant, id).path(),
                    "legal hold released on asset " + asset, requestId);
            erasures.replace(request.get().resumed());
            jobs.enqueue(new ErasureJobs.Job(tenant, id, Optional.empty()));
        }
    }
}
