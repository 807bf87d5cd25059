package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the audit trail from the container it had before lanes (partitioned by tenant only) into the hierarchical
 * one, document for document: events, heads and checkpoints are unchanged, so every chain verifies as it did. An
 * event keeps the expiry it had: its {@code ttl} is shortened by the time it has already been stored, and an event
 * already due to expire is not copied. Copying again changes nothing, so an interrupted run is simply run again.
 */
public final class CosmosAuditMigration {
    public record Outcome(long copied, long expired, long skipped) {
    }

    private final CosmosContainer from;
    private final CosmosContainer to;

    public CosmosAuditMigration(CosmosContainer from, CosmosContainer to) {
        this.from = from;
        this.to = to;
    }

    public Outcome copy(Instant now) {
        long copied = 0;
        long expired = 0;
        long skipped = 0;
        for (JsonNode stored : from.queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), JsonNode.class)) {
            ObjectNode doc = withoutSystemProperties(stored);
            if (!doc.path("tenantId").isTextual() || !doc.path("chain").isTextual()) {
                skipped++;
                continue;
            }
            if (doc.has("ttl")) {
                long left = doc.get("ttl").asLong() - (now.getEpochSecond() - stored.path("_ts").asLong());
                if (left <= 0) {
                    expired++;
                    continue;
                }
                doc.put("ttl", left);
            }
            to.upsertItem(doc, CosmosAuditLog.key(doc.get("tenantId").asText(), doc.get("chain").asText()),
                    new CosmosItemRequestOptions());
            copied++;
        }
        return new Outcome(copied, expired, skipped);
    }

    private static ObjectNode withoutSystemProperties(JsonNode stored) {
        ObjectNode doc = ((ObjectNode) stored).deepCopy();
        List<String> added = new ArrayList<>();
        doc.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("_")) {
                added.add(name);
            }
        });
        doc.remove(added);
        return doc;
    }
}
