package com.strongroom.core.model;

/**
 * One delivery of a queue message as the Functions host counts them: which delivery this is, how many the host allows
 * ({@code maxDequeueCount}) before the message goes to the poison queue, and the invocation it runs in.
 */
public record QueueDelivery(int dequeueCount, int maxDequeueCount, String invocationId) {
    /** Whether a failure now sends the message to the poison queue: the job's last chance to record the failure. */
    public boolean last() {
        return dequeueCount >= maxDequeueCount;
    }
}
