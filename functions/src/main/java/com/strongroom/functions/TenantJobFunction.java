package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.model.QueueDelivery;

/**
 * Runs one job of the {@code tenant-jobs} queue: builds an export's package, or purges a cancelled tenant. A failure
 * makes the host deliver the message again, and the job resumes; on the last delivery an export is marked failed (a
 * purge is queued again by the cancellation timer).
 */
public final class TenantJobFunction {
    private final Strongroom app;

    public TenantJobFunction() {
        this(Strongroom.fromEnvironment());
    }

    public TenantJobFunction(Strongroom app) {
        this.app = app;
    }

    @FunctionName("runTenantJob")
    public void run(@QueueTrigger(name = "message", queueName = "%TENANT_JOBS_QUEUE%", connection = "STORAGE")
                    String message, @BindingName("DequeueCount") long dequeueCount, ExecutionContext context) {
        app.runTenantJob(message, new QueueDelivery((int) dequeueCount, ErasureJobFunction.MAX_DEQUEUE_COUNT,
                context.getInvocationId()));
    }
}
