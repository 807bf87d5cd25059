package com.strongroom.adapters.storage;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ErasureJobs;
import java.util.Optional;

/**
 * Erasure jobs on the {@code erasure-jobs} queue as JSON {@code {"tenantId","erasureId","after"}} (ids only; the
 * client encodes base64, as the Functions queue trigger expects). {@link #parse} reads what {@link #enqueue} wrote.
 */
public final class QueueErasureJobs implements ErasureJobs {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The message's shape. */
    record Message(String tenantId, String erasureId, String after) {
    }

    private final QueueClient queue;

    public QueueErasureJobs(QueueClient queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(Job job) {
        String body;
        try {
            body = JSON.writeValueAsString(new Message(job.tenantId().value(), job.erasureId().value(),
                    job.after().map(AssetId::value).orElse(null)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an erasure job", e);
        }
        AzureFailures.call(Dependency.QUEUE, () -> queue.sendMessage(body));
    }

    /** The job a message names; {@link InvalidInputException} for anything that is not one. */
    public static Job parse(String message) {
        Message m;
        try {
            m = JSON.readValue(message, Message.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("message", "is not an erasure job");
        }
        if (m == null || m.tenantId() == null || m.erasureId() == null) {
            throw new InvalidInputException("message", "must name tenantId and erasureId");
        }
        return new Job(TenantId.of(m.tenantId()), ErasureId.of(m.erasureId()),
                Optional.ofNullable(m.after()).map(AssetId::of));
    }
}
