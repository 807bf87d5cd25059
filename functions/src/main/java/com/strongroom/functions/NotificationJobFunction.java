package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.notice.DeliverNotices;

/**
 * Sends one tenant's notice from the {@code notifications} queue (incident, maintenance and consent notices alike),
 * to each recipient exactly once through the send ledger. A failure makes the host deliver the message again; on
 * the last delivery the unsent deliveries are marked failed before the message goes to the poison queue.
 */
public final class NotificationJobFunction {
    private final Strongroom app;

    public NotificationJobFunction() {
        this(Strongroom.fromEnvironment());
    }

    public NotificationJobFunction(Strongroom app) {
        this.app = app;
    }

    @FunctionName("sendNotices")
    public void run(@QueueTrigger(name = "message", queueName = "%NOTIFICATIONS_QUEUE%", connection = "STORAGE")
                    String message, @BindingName("DequeueCount") long dequeueCount, ExecutionContext context) {
        var outcome = app.notices().deliver().handle(app.noticeJob(message),
                new QueueDelivery((int) dequeueCount, ErasureJobFunction.MAX_DEQUEUE_COUNT,
                        context.getInvocationId()));
        context.getLogger().info(() -> "notices: " + outcome.sent() + " sent, " + outcome.alreadySent()
                + " already sent, " + outcome.failed() + " failed" + outcome.deferredBy()
                .map(d -> ", rest deferred by " + d.toSeconds() + " s").orElse(""));
    }
}
