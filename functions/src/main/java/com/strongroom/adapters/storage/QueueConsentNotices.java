package com.strongroom.adapters.storage;

import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.port.ConsentNotices;

/**
 * Asks the notifier, through the notifications queue, to tell a tenant's admins that a consent grant was used
 * for the first time. The message holds ids only (no subject, purpose or ticket); {@code dedupeKey} lets the
 * notifier send one notice per grant however often it is asked. The client must encode messages in base64, as
 * the Functions queue trigger expects.
 */
public final class QueueConsentNotices implements ConsentNotices {
    static final String FIRST_USE = "consent.first-use";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueClient queue;

    public QueueConsentNotices(QueueClient queue) {
        this.queue = queue;
    }

    @Override
    public void firstUse(ConsentGrant grant) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", FIRST_USE);
        message.put("tenantId", grant.tenantId().value());
        message.put("grantId", grant.id().value());
        message.put("dedupeKey", FIRST_USE + ":" + grant.tenantId() + ":" + grant.id());
        AzureFailures.call(Dependency.QUEUE, () -> queue.sendMessage(message.toString()));
    }
}
