package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.port.AuditTrail;
import java.util.function.Supplier;

/** Audit events in the {@code audit} container (partition key {@code /tenantId}). */
public final class CosmosAuditTrail implements AuditTrail {
    public static final String CONTAINER = "audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosAuditTrail(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public void record(AuditEvent event) {
        CosmosFailures.call("audit", () -> container.get().createItem(toDocument(event), new PartitionKey(event.tenantId()),
                new CosmosItemRequestOptions()));
    }

    static ObjectNode toDocument(AuditEvent event) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", event.id());
        doc.put("tenantId", event.tenantId());
        doc.put("at", event.at().toString());
        doc.put("actor", event.actor());
        doc.put("role", event.role());
        doc.put("action", event.action());
        doc.put("target", event.target());
        event.purpose().ifPresent(p -> doc.put("purpose", p));
        event.grantId().ifPresent(g -> doc.put("grantId", g));
        doc.put("outcome", event.outcome().name());
        doc.put("requestId", event.requestId());
        doc.put("eventClass", event.eventClass().name());
        return doc;
    }
}
