package com.strongroom.core.port;

import com.strongroom.core.model.TenantId;

/** The {@code tenant-jobs} queue's purge work: each message names one tenant being purged (its id only). */
public interface PurgeJobs {
    void enqueue(TenantId tenant);
}
