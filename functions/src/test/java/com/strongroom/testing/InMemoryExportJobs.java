package com.strongroom.testing;

import com.strongroom.core.export.BuildExport;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ExportJobs;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/** The {@code tenant-jobs} queue's export messages, in memory. */
public final class InMemoryExportJobs implements ExportJobs {
    private final ConcurrentLinkedDeque<BuildExport.Job> queued = new ConcurrentLinkedDeque<>();

    @Override
    public void enqueue(TenantId tenant, ExportId export) {
        queued.add(new BuildExport.Job(tenant, export));
    }

    public Optional<BuildExport.Job> next() {
        return Optional.ofNullable(queued.poll());
    }

    public int size() {
        return queued.size();
    }
}
