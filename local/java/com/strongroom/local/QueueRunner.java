package com.strongroom.local;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.models.QueueMessageItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dev only: runs every {@code @QueueTrigger} method from the storage emulator with the Functions host's
 * semantics: messages are base64 (per host.json), and one that is not moves to {@code <queue>-poison} at once; a
 * {@code String} parameter gets the decoded bytes as strict UTF-8; a message is hidden while it runs; on success it
 * is deleted; on failure it becomes visible again after {@code visibilityTimeout}; once its dequeue count reaches
 * {@code maxDequeueCount} it moves, unchanged, to {@code <queue>-poison}. Delivery is at least once.
 */
final class QueueRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(QueueRunner.class.getName());
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration MIN_POLL = Duration.ofMillis(100);
    private static final Duration BUSY_POLL = Duration.ofMillis(10);

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    QueueRunner(FunctionCatalog catalog, FunctionInvoker invoker, QueueServiceClient queues, HostConfig host,
                UnaryOperator<String> resolveSetting) {
        for (FunctionCatalog.QueueFunction function : catalog.queue()) {
            String queueName = resolveSetting.apply(function.trigger().queueName());
            QueueClient queue = queues.getQueueClient(queueName);
            QueueClient poison = queues.getQueueClient(queueName + "-poison");
            Thread thread = new Thread(() -> poll(function, invoker, queue, poison, host), "queue-" + queueName);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Fetches a batch of {@code batchSize} messages and runs them in parallel; when the messages still running drop to
     * {@code newBatchThreshold}, fetches the next batch, so at most {@code batchSize + newBatchThreshold} run at once,
     * as the host does (Azure Functions queue trigger, host.json {@code batchSize} and {@code newBatchThreshold}).
     */
    private void poll(FunctionCatalog.QueueFunction function, FunctionInvoker invoker, QueueClient queue,
                      QueueClient poison, HostConfig host) {
        ExecutorService workers = Executors.newFixedThreadPool(host.batchSize() + host.newBatchThreshold(), r -> {
            Thread t = new Thread(r, "queue-worker-" + queue.getQueueName());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger inFlight = new AtomicInteger();
        Duration wait = MIN_POLL;
        while (running) {
            if (inFlight.get() > host.newBatchThreshold()) {
                sleep(BUSY_POLL);
                continue;
            }
            try {
                List<QueueMessageItem> batch = new ArrayList<>();
                queue.receiveMessages(host.batchSize(), LEASE, null, null).forEach(batch::add);
                for (QueueMessageItem message : batch) {
                    inFlight.incrementAndGet();
                    workers.execute(() -> {
                        try {
                            handle(function, invoker, queue, poison, host, message);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "message " + message.getMessageId() + " on " + queue.getQueueName()
                                    + " left for redelivery: " + e.getClass().getName());
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    });
                }
                wait = batch.isEmpty() ? min(wait.multipliedBy(2), host.maxPollingInterval()) : MIN_POLL;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "polling " + queue.getQueueName() + " failed: " + e.getClass().getName());
                }
                wait = host.maxPollingInterval();
            }
            sleep(wait);
        }
    }

    private void handle(FunctionCatalog.QueueFunction function, FunctionInvoker invoker, QueueClient queue,
                        QueueClient poison, HostConfig host, QueueMessageItem message) {
        String raw = message.getBody().toString();
        byte[] content;
        try {
            content = host.base64Messages() ? HostBinding.queueMessageBytes(raw) : raw.getBytes(StandardCharsets.UTF_8);
        } catch (HostBinding.NotBase64 e) {
            LOG.log(Level.WARNING, "message " + message.getMessageId() + " on " + queue.getQueueName()
                    + " is not base64: moved to the poison queue without retries");
            poison.sendMessage(raw);
            queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
            return;
        }
        try {
            Object trigger = function.parameter().getType() == byte[].class ? content : HostBinding.strictUtf8(content);
            invoker.invoke(function.type(), function.method(), trigger,
                    Map.of("DequeueCount", message.getDequeueCount(), "Id", message.getMessageId()),
                    new LocalExecutionContext(function.name()));
            queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "function " + function.name() + " failed on message " + message.getMessageId()
                    + " (attempt " + message.getDequeueCount() + "): " + e.getClass().getName());
            if (message.getDequeueCount() >= host.maxDequeueCount()) {
                poison.sendMessage(raw);
                queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
            } else {
                queue.updateMessage(message.getMessageId(), message.getPopReceipt(), null, host.visibilityTimeout());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
