package com.strongroom.core.port;

import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;

/** The {@code tenant-jobs} queue's export work: each message names one export (ids only). */
public interface ExportJobs {
    void enqueue(TenantId tenant, ExportId export);
}
