package com.strongroom.core.port;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import java.util.Objects;
import java.util.Optional;

/** The queue of erasure work: each message names a request and where its next chunk starts (ids only). */
public interface ErasureJobs {
    /** One chunk of a request's work: the matching assets with ids after {@code after}. */
    record Job(TenantId tenantId, ErasureId erasureId, Optional<AssetId> after) {
        public Job {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(erasureId, "erasureId");
            after = after == null ? Optional.empty() : after;
        }
    }

    void enqueue(Job job);
}
