package com.strongroom.adapters.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.audit.ChainLink;
import com.strongroom.core.audit.ChainedEvent;
import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.AuditEvent.Outcome;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.it.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The trail written before lanes, in the container partitioned by tenant only, copied into the hierarchical one. */
class CosmosAuditMigrationIT {
    private static CosmosClient client;

    @BeforeAll
    static void connect() {
        client = TestStack.shared().emulators().newCosmosClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static CosmosContainer container(String name) {
        return client.getDatabase("strongroom").getContainer(name);
    }

    /** Writes a chain as the adapter did before lanes: same documents, partition key the tenant alone. */
    private static List<ChainedEvent> writtenBeforeLanes(String tenant, int count, Duration retention) {
        List<ChainedEvent> chain = new ArrayList<>();
        ChainLink tail = ChainLink.GENESIS;
        for (int i = 0; i < count; i++) {
            ChainedEvent event = ChainedEvent.after(tail, new AuditEvent(UUID.randomUUID().toString(), tenant,
                    Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i), "u-" + i, "Tenant.Admin", "tenant.read",
                    "tenants/" + tenant, Optional.empty(), Optional.empty(), Optional.empty(), Outcome.SUCCESS,
                    "req-" + i, EventClass.ACCESS));
            ObjectNode doc = CosmosAuditLog.toDocument(event).put("ttl", retention.toSeconds());
            container(CosmosAuditLog.LEGACY_CONTAINER).createItem(doc, new PartitionKey(tenant),
                    new CosmosItemRequestOptions());
            chain.add(event);
            tail = event.link();
        }
        ObjectNode head = new ObjectMapper().createObjectNode().put("id", "access-head").put("tenantId", tenant).put("type", "head").put("chain", "access")
                .put("sequence", tail.sequence()).put("hash", tail.hash());
        container(CosmosAuditLog.LEGACY_CONTAINER).createItem(head, new PartitionKey(tenant),
                new CosmosItemRequestOptions());
        return chain;
    }

    @Test
    void aChainWrittenBeforeLanesReadsTheSameAfterTheCopyWithTheExpiryItHad() {
        String tenant = "m-" + UUID.randomUUID().toString().substring(0, 8);
        List<ChainedEvent> chain = writtenBeforeLanes(tenant, 3, Duration.ofDays(30));
        String dueToExpire = "m-" + UUID.randomUUID().toString().substring(0, 8);
        writtenBeforeLanes(dueToExpire, 1, Duration.ofSeconds(60));
        CosmosAuditMigration migration = new CosmosAuditMigration(container(CosmosAuditLog.LEGACY_CONTAINER),
                container(CosmosAuditLog.CONTAINER));
        Instant anHourLater = Instant.now().plus(Duration.ofHours(1));

        CosmosAuditMigration.Outcome first = migration.copy(anHourLater);
        CosmosAuditMigration.Outcome again = migration.copy(anHourLater);

        assertTrue(first.expired() >= 1, first.toString());
        assertEquals(first, again, "copying again changes nothing");
        CosmosAuditLog migrated = new CosmosAuditLog(() -> container(CosmosAuditLog.CONTAINER));
        assertEquals(chain, migrated.chain(tenant, "access", 1, 10));
        assertEquals(Optional.of(chain.get(2).link()), migrated.head(tenant, "access"));
        assertEquals(List.of(), migrated.chain(dueToExpire, "access", 1, 10), "an event due to expire is not copied");
        JsonNode copied = container(CosmosAuditLog.CONTAINER).readItem(String.format("access-%012d", 1),
                CosmosAuditLog.key(tenant, "access"), JsonNode.class).getItem();
        long ttl = copied.get("ttl").asLong();
        assertTrue(ttl <= Duration.ofDays(30).minusHours(1).toSeconds() && ttl > Duration.ofDays(30).minusHours(2)
                .toSeconds(), "the expiry it had, not a new one: " + ttl);
    }
}
