package com.strongroom.adapters.storage;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantJob;
import com.strongroom.core.port.ExportJobs;
import com.strongroom.core.port.PurgeJobs;

/**
 * Jobs on the {@code tenant-jobs} queue as JSON {@code {"type":"export","tenantId","exportId"}} or
 * {@code {"type":"purge","tenantId"}} (ids only; the client encodes base64, as the Functions queue trigger expects).
 * {@link #parse} reads what the {@code enqueue} methods wrote.
 */
public final class QueueTenantJobs implements ExportJobs, PurgeJobs {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The message's shape. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String type, String tenantId, String exportId) {
    }

    private final QueueClient queue;

    public QueueTenantJobs(QueueClient queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(TenantId tenant, ExportId export) {
        send(new Message("export", tenant.value(), export.value()));
    }

    @Override
    public void enqueue(TenantId tenant) {
        send(new Message("purge", tenant.value(), null));
    }

    private void send(Message message) {
        String body;
        try {
            body = JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tenant job", e);
        }
        AzureFailures.call(Dependency.QUEUE, () -> queue.sendMessage(body));
    }

    /** The job a message names; {@link InvalidInputException} for anything that is not one. */
    public static TenantJob parse(String message) {
        Message m;
        try {
            m = JSON.readValue(message, Message.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("message", "is not a tenant job");
        }
        if (m != null && "purge".equals(m.type()) && m.tenantId() != null && m.exportId() == null) {
            return TenantJob.purge(TenantId.of(m.tenantId()));
        }
        if (m == null || !"export".equals(m.type()) || m.tenantId() == null || m.exportId() == null) {
            throw new InvalidInputException("message", "must be an export job naming tenantId and exportId,"
                    + " or a purge job naming tenantId");
        }
        return TenantJob.export(TenantId.of(m.tenantId()), ExportId.of(m.exportId()));
    }
}
