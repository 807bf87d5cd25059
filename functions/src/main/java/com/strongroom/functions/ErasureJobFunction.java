package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.erasure.RunErasure;
import com.strongroom.core.model.QueueDelivery;

/**
 * Runs one chunk of an erasure from the {@code erasure-jobs} queue. A failure makes the host deliver the message
 * again; on the last delivery the request is marked failed (step and error kind) before the message goes to the
 * poison queue, and {@code POST .../retry} resumes it.
 */
public final class ErasureJobFunction {
    /** The host's {@code maxDequeueCount} for queues, as host.json sets it (a test keeps the two equal). */
    static final int MAX_DEQUEUE_COUNT = 5;

    private final Strongroom app;

    public ErasureJobFunction() {
        this(Strongroom.fromEnvironment());
    }

    public ErasureJobFunction(Strongroom app) {
        this.app = app;
    }

    @FunctionName("runErasureJob")
    public void run(@QueueTrigger(name = "message", queueName = "%ERASURE_QUEUE%", connection = "STORAGE") String message,
                    @BindingName("DequeueCount") long dequeueCount, ExecutionContext context) {
        app.erasure().run().handle(app.erasureJob(message),
                new QueueDelivery((int) dequeueCount, MAX_DEQUEUE_COUNT, context.getInvocationId()));
    }
}
