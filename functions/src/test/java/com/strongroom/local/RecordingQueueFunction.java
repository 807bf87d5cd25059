package com.strongroom.local;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A queue function for the local host's own tests: records each delivery and fails on messages saying so. */
public final class RecordingQueueFunction {
    public record Delivery(String message, long dequeueCount) {
    }

    public static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    /** Messages saying "hold" wait here until released; the most that ever ran at once is kept. */
    public static volatile CountDownLatch release = new CountDownLatch(0);
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    @FunctionName("recordTestJob")
    public void run(@QueueTrigger(name = "message", queueName = "%TEST_JOBS_QUEUE%", connection = "STORAGE") String message,
                    @BindingName("DequeueCount") long dequeueCount, ExecutionContext context) {
        DELIVERIES.add(new Delivery(message, dequeueCount));
        if (message.contains("fail")) {
            throw new IllegalStateException("asked to fail");
        }
        if (message.contains("hold")) {
            MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }
}
