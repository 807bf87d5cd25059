package com.strongroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import com.strongroom.it.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local host runs queue functions with the Functions host's semantics. */
class QueueRunnerIT {
    private static final String QUEUE = "test-jobs";
    private static TestStack stack;

    @BeforeAll
    static void start() {
        stack = TestStack.startOwn(Map.of("TEST_JOBS_QUEUE", QUEUE), List.of(RecordingQueueFunction.class));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static QueueClient queue(String name, QueueMessageEncoding encoding) {
        return new QueueClientBuilder().connectionString(stack.values().get("STORAGE")).queueName(name)
                .messageEncoding(encoding).buildClient();
    }

    @Test
    void base64MessageIsDecodedDeliveredOnceAndDeleted() throws Exception {
        queue(QUEUE, QueueMessageEncoding.BASE64).sendMessage("{\"jobId\":\"ok-1\"}");
        waitFor(() -> deliveriesOf("ok-1").size() == 1);
        Thread.sleep(1500);
        List<RecordingQueueFunction.Delivery> deliveries = deliveriesOf("ok-1");
        assertEquals(1, deliveries.size());
        assertEquals("{\"jobId\":\"ok-1\"}", deliveries.get(0).message());
        assertEquals(1, deliveries.get(0).dequeueCount());
        assertEquals(0, queue(QUEUE, QueueMessageEncoding.NONE).getProperties().getApproximateMessagesCount());
    }

    /**
     * learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json: the host processes a batch
     * of {@code batchSize} messages in parallel and fetches another batch only when the number still being processed
     * gets down to {@code newBatchThreshold}. With every message held, exactly one batch runs at once.
     */
    @Test
    void theMessagesOfABatchRunInParallelAndTheNextBatchWaitsForTheThreshold() throws Exception {
        HostConfig host = HostConfig.read(TestStack.PROJECT.resolve("host.json"));
        RecordingQueueFunction.release = new java.util.concurrent.CountDownLatch(1);
        RecordingQueueFunction.MOST_AT_ONCE.set(0);
        QueueClient queue = queue(QUEUE, QueueMessageEncoding.BASE64);
        int messages = host.batchSize() + host.newBatchThreshold() + 2;
        try {
            for (int i = 0; i < messages; i++) {
                queue.sendMessage("{\"jobId\":\"hold-" + i + "\"}");
            }
            waitFor(() -> RecordingQueueFunction.RUNNING.get() >= host.batchSize());
            Thread.sleep(1000);
            // "The maximum number of messages processed in parallel by the job is NewBatchThreshold plus BatchSize"
            // (QueuesOptions, Microsoft.Azure.WebJobs.Extensions.Storage.Queues): a first batch caught while the
            // messages were still being sent can be partial, and then the next one is fetched at the threshold.
            int most = RecordingQueueFunction.MOST_AT_ONCE.get();
            assertTrue(most >= host.batchSize() && most <= host.batchSize() + host.newBatchThreshold(),
                    "a whole batch at once, never more than batchSize + newBatchThreshold: " + most);
            assertEquals(most, RecordingQueueFunction.RUNNING.get(), "no more fetched while none finished");
        } finally {
            RecordingQueueFunction.release.countDown();
        }
        waitFor(() -> RecordingQueueFunction.DELIVERIES.stream().filter(d -> d.message().contains("hold")).count()
                == messages && RecordingQueueFunction.RUNNING.get() == 0);
    }

    @Test
    void failingMessageIsRetriedUpToMaxDequeueCountThenPoisoned() {
        int maxDequeueCount = HostConfig.read(TestStack.PROJECT.resolve("host.json")).maxDequeueCount();
        queue(QUEUE, QueueMessageEncoding.BASE64).sendMessage("{\"jobId\":\"fail-1\"}");
        QueueClient poison = queue(QUEUE + "-poison", QueueMessageEncoding.BASE64);
        waitFor(() -> poison.peekMessage() != null);
        List<RecordingQueueFunction.Delivery> deliveries = deliveriesOf("fail-1");
        assertEquals(maxDequeueCount, deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            assertEquals(i + 1, deliveries.get(i).dequeueCount());
        }
        QueueMessageItem poisoned = poison.receiveMessage();
        assertEquals("{\"jobId\":\"fail-1\"}", poisoned.getBody().toString());
        poison.deleteMessage(poisoned.getMessageId(), poisoned.getPopReceipt());
    }

    @Test
    void messageThatIsNotBase64NeverReachesTheFunctionAndEndsInPoison() {
        queue(QUEUE, QueueMessageEncoding.NONE).sendMessage("not base64 {bad-1}");
        QueueClient poison = queue(QUEUE + "-poison", QueueMessageEncoding.NONE);
        waitFor(() -> {
            QueueMessageItem m = poison.receiveMessage();
            if (m != null && m.getBody().toString().equals("not base64 {bad-1}")) {
                poison.deleteMessage(m.getMessageId(), m.getPopReceipt());
                return true;
            }
            return false;
        });
        assertTrue(deliveriesOf("bad-1").isEmpty());
    }

    private static List<RecordingQueueFunction.Delivery> deliveriesOf(String marker) {
        return RecordingQueueFunction.DELIVERIES.stream().filter(d -> d.message().contains(marker)).toList();
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
