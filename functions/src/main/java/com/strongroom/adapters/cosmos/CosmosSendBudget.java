package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.port.SendBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The stamp's send budget: one document in {@code notifications} (partition {@value #PARTITION}) counting the sends
 * of the current minute, changed only with its ETag, so that every instance draws from the same count.
 */
public final class CosmosSendBudget implements SendBudget {
    public static final String CONTAINER = "notifications";
    static final String PARTITION = "_stamp";
    private static final String ID = "send-budget";
    private static final int ATTEMPTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;
    private final int perMinute;

    public CosmosSendBudget(Supplier<CosmosContainer> container, int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive");
        }
        this.container = container;
        this.perMinute = perMinute;
    }

    @Override
    public Grant reserve(Instant now, int wanted) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Duration untilNextMinute = Duration.between(now, minute.plus(Duration.ofMinutes(1)));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var current = CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), ID, new PartitionKey(PARTITION));
            if (current.isEmpty()) {
                int granted = Math.min(wanted, perMinute);
                try {
                    CosmosFailures.createNew(Dependency.COSMOS, container.get(), document(minute, granted),
                            new PartitionKey(PARTITION), () -> new ConflictException("exists"));
                    return new Grant(granted, untilNextMinute);
                } catch (ConflictException e) {
                    continue;
                }
            }
            JsonNode doc = current.get().getItem();
            boolean sameMinute = minute.toString().equals(doc.path("minute").asText());
            int used = sameMinute ? doc.path("count").asInt() : 0;
            int granted = Math.max(0, Math.min(wanted, perMinute - used));
            if (granted == 0) {
                return new Grant(0, untilNextMinute);
            }
            if (CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), document(minute, used + granted), ID,
                    new PartitionKey(PARTITION), current.get().getETag()).isPresent()) {
                return new Grant(granted, untilNextMinute);
            }
        }
        // Many instances are drawing at once: let this one wait a moment rather than spin.
        return new Grant(0, Duration.ofSeconds(1));
    }

    private static ObjectNode document(Instant minute, int count) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", ID);
        doc.put("tenantId", PARTITION);
        doc.put("type", "send-budget");
        doc.put("minute", minute.toString());
        doc.put("count", count);
        return doc;
    }
}
