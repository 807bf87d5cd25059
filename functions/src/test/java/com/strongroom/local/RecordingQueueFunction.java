package com.strongroom.local;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A queue function for the local host's own tests: records each delivery and fails on messages saying so. */
public final class RecordingQueueFunction {
    public record Delivery(String message, long dequeueCount) {
    }

    public static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();

    @FunctionName("recordTestJob")
    public void run(@QueueTrigger(name = "message", queueName = "%TEST_JOBS_QUEUE%", connection = "STORAGE") String message,
                    @BindingName("DequeueCount") long dequeueCount, ExecutionContext context) {
        DELIVERIES.add(new Delivery(message, dequeueCount));
        if (message.contains("fail")) {
            throw new IllegalStateException("asked to fail");
        }
    }
}
