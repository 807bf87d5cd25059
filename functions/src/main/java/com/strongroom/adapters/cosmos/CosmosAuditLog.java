package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.audit.ChainLink;
import com.strongroom.core.audit.ChainedEvent;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.port.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Audit chains in the {@code audit-trail} container, partitioned by tenant and then chain lane (hierarchical key
 * {@code /tenantId}, {@code /chain}), so one tenant's trail spans as many logical partitions, each with its own 20 GB
 * and 10,000 RU/s, as it has lanes in use; point reads name both. An event's id is
 * {@code <chain>-<sequence, 12 digits>}, so Cosmos DB's unique ids within a partition decide which appender wins a
 * position. The head hint is a document {@code <chain>-head} moved forward with optimistic concurrency (ETag).
 * Each event carries a {@code ttl} from its class's retention; the head has none.
 */
public final class CosmosAuditLog implements AuditLog {
    public static final String CONTAINER = "audit-trail";
    /** The container before lanes, partitioned by tenant only; read by {@link CosmosAuditMigration} alone. */
    public static final String LEGACY_CONTAINER = "audit";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PRECONDITION_FAILED = 412;
    private static final int HEAD_ATTEMPTS = 20;
    /** The stamp's document that says where the periodic checkpoint's next run starts looking. */
    private static final String WATERMARK = "checkpoint-watermark";

    private final Supplier<CosmosContainer> container;

    /** A window across every tenant is an investigation, not a request path: it may take a minute a page. */
    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(60);

    public CosmosAuditLog(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    static String eventId(String chain, long sequence) {
        return String.format("%s-%012d", chain, sequence);
    }

    static String headId(String chain) {
        return chain + "-head";
    }

    @Override
    public Optional<ChainLink> head(String tenantId, String chain) {
        return readDocument(tenantId, chain, headId(chain))
                .map(doc -> new ChainLink(doc.getItem().get("sequence").asLong(), doc.getItem().get("hash").asText()));
    }

    @Override
    public boolean tryAppend(ChainedEvent event, Duration retention) {
        ObjectNode doc = toDocument(event);
        doc.put("ttl", retention.toSeconds());
        return CosmosFailures.call(Dependency.AUDIT, () -> {
            try {
                container.get().createItem(doc, key(event.event().tenantId(), event.chain()),
                        new CosmosItemRequestOptions());
                return true;
            } catch (CosmosException e) {
                if (e.getStatusCode() == CosmosFailures.CONFLICT) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<ChainedEvent> read(String tenantId, String chain, long sequence) {
        return readDocument(tenantId, chain, eventId(chain, sequence)).map(r -> fromDocument(r.getItem()));
    }

    @Override
    public void moveHead(String tenantId, String chain, ChainLink link) {
        ObjectNode head = JSON.createObjectNode().put("id", headId(chain)).put("tenantId", tenantId)
                .put("type", "head").put("chain", chain).put("sequence", link.sequence()).put("hash", link.hash());
        CosmosFailures.call(Dependency.AUDIT, () -> {
            for (int attempt = 0; attempt < HEAD_ATTEMPTS; attempt++) {
                Optional<CosmosItemResponse<JsonNode>> current = readDocument(tenantId, chain, headId(chain));
                try {
                    if (current.isEmpty()) {
                        container.get().createItem(head, key(tenantId, chain), new CosmosItemRequestOptions());
                        return null;
                    }
                    if (current.get().getItem().get("sequence").asLong() >= link.sequence()) {
                        return null;
                    }
                    container.get().replaceItem(head, headId(chain), key(tenantId, chain),
                            new CosmosItemRequestOptions().setIfMatchETag(current.get().getETag()));
                    return null;
                } catch (CosmosException e) {
                    if (e.getStatusCode() != CosmosFailures.CONFLICT && e.getStatusCode() != PRECONDITION_FAILED) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<ChainedEvent> chain(String tenantId, String chain, long fromSequence, int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND c.type = 'event'"
                + " AND c.chain = @chain AND c.sequence >= @from ORDER BY c.sequence ASC",
                List.of(new SqlParameter("@tenant", tenantId), new SqlParameter("@chain", chain),
                        new SqlParameter("@from", fromSequence)));
        return CosmosFailures.call(Dependency.AUDIT, () -> {
            List<ChainedEvent> events = new ArrayList<>();
            Iterator<FeedResponse<JsonNode>> pages = container.get()
                    .queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(key(tenantId, chain)),
                            JsonNode.class).iterableByPage(limit).iterator();
            while (pages.hasNext() && events.size() < limit) {
                for (JsonNode doc : pages.next().getResults()) {
                    if (events.size() < limit) {
                        events.add(fromDocument(doc));
                    }
                }
            }
            return events;
        });
    }

    /** {@code _ts} is the second Cosmos DB last wrote the document; it is indexed like any other property. */
    @Override
    public List<ChainHead> headsMovedSince(Instant since) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.type = 'head' AND c._ts >= @since",
                List.of(new SqlParameter("@since", since.getEpochSecond())));
        return CosmosFailures.call(Dependency.AUDIT, () -> container.get()
                .queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class).stream()
                .map(doc -> new ChainHead(doc.path("tenantId").asText(), doc.path("chain").asText(),
                        new ChainLink(doc.path("sequence").asLong(), doc.path("hash").asText())))
                .toList());
    }

    @Override
    public Optional<Instant> checkpointWatermark() {
        return readDocument(AuditEvent.STAMP, WATERMARK, WATERMARK)
                .map(doc -> Instant.ofEpochMilli(doc.getItem().path("startedAtMs").asLong()));
    }

    @Override
    public void moveCheckpointWatermark(Instant startedAt) {
        ObjectNode doc = JSON.createObjectNode().put("id", WATERMARK).put("tenantId", AuditEvent.STAMP)
                .put("chain", WATERMARK).put("type", "watermark").put("startedAtMs", startedAt.toEpochMilli());
        CosmosFailures.call(Dependency.AUDIT, () -> container.get().upsertItem(doc, key(AuditEvent.STAMP, WATERMARK),
                new CosmosItemRequestOptions()));
    }

    @Override
    public Page query(Query q) {
        SqlQuerySpec query = new Where("SELECT * FROM c WHERE c.tenantId = @tenant AND c.type = 'event'")
                .with("@tenant", q.tenantId())
                .and("c.atMs >= @from", "@from", q.from().map(Instant::toEpochMilli))
                .and("c.atMs <= @to", "@to", q.to().map(Instant::toEpochMilli))
                .and("c.actor = @actor", "@actor", q.actor())
                .and("c.action = @action", "@action", q.action())
                .and("c.target = @target", "@target", q.target())
                .and("c.grantId = @grant", "@grant", q.grantId())
                .spec(" ORDER BY c.atMs DESC");
        CosmosPaging.Page<ChainedEvent> page = CosmosPaging.page(Dependency.AUDIT, container.get(), query,
                q.tenantId(), q.pageSize(), q.continuation(), CosmosAuditLog::fromDocument);
        return new Page(page.items(), page.continuation());
    }

    @Override
    public Page window(WindowQuery q) {
        SqlQuerySpec query = new Where("SELECT * FROM c WHERE c.type = 'event' AND c.atMs >= @from"
                + " AND c.atMs <= @to")
                .with("@from", q.from().toEpochMilli())
                .with("@to", q.to().toEpochMilli())
                .and("c.actor = @actor", "@actor", q.actor())
                .and("c.action = @action", "@action", q.action())
                .spec("");
        CosmosPaging.Page<ChainedEvent> page = CosmosPaging.crossPartition(Dependency.AUDIT, container.get(), query,
                q.pageSize(), q.continuation(), WINDOW_TIMEOUT, CosmosAuditLog::fromDocument);
        return new Page(page.items(), page.continuation());
    }

    /** A query's text and parameters, built one condition at a time; an absent filter adds nothing. */
    private static final class Where {
        private final StringBuilder sql;
        private final List<SqlParameter> parameters = new ArrayList<>();

        Where(String select) {
            this.sql = new StringBuilder(select);
        }

        Where with(String name, Object value) {
            parameters.add(new SqlParameter(name, value));
            return this;
        }

        Where and(String condition, String name, Optional<?> value) {
            value.ifPresent(v -> {
                sql.append(" AND ").append(condition);
                parameters.add(new SqlParameter(name, v));
            });
            return this;
        }

        SqlQuerySpec spec(String suffix) {
            return new SqlQuerySpec(sql + suffix, parameters);
        }
    }

    private static <T> T parsed(Supplier<T> parse, T placeholder) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return placeholder;
        }
    }

    /** A chain lane's logical partition: its tenant, then its name. */
    static PartitionKey key(String tenantId, String chain) {
        return new PartitionKeyBuilder().add(tenantId).add(chain).build();
    }

    private Optional<CosmosItemResponse<JsonNode>> readDocument(String tenantId, String chain, String id) {
        return CosmosFailures.readIfExists(Dependency.AUDIT, container.get(), id, key(tenantId, chain));
    }

    static ObjectNode toDocument(ChainedEvent chained) {
        AuditEvent event = chained.event();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", eventId(chained.chain(), chained.sequence()));
        doc.put("type", "event");
        doc.put("tenantId", event.tenantId());
        doc.put("chain", chained.chain());
        doc.put("sequence", chained.sequence());
        doc.put("prevHash", chained.prevHash());
        doc.put("hash", chained.hash());
        doc.put("eventId", event.id());
        doc.put("at", event.at().toString());
        doc.put("atMs", event.at().toEpochMilli());
        doc.put("actor", event.actor());
        doc.put("role", event.role());
        doc.put("action", event.action());
        doc.put("target", event.target());
        event.purpose().ifPresent(p -> doc.put("purpose", p));
        event.grantId().ifPresent(g -> doc.put("grantId", g));
        event.ticket().ifPresent(t -> doc.put("ticket", t));
        doc.put("outcome", event.outcome().name());
        doc.put("requestId", event.requestId());
        doc.put("eventClass", event.eventClass().name());
        event.count().ifPresent(c -> doc.put("count", c));
        return doc;
    }

    /**
     * Reads a stored event. A document edited into a shape that no longer parses is read with placeholder values
     * (the epoch, {@code FAILED}, the chain's class) rather than refused, so verification reports it as altered at
     * its position instead of failing.
     */
    static ChainedEvent fromDocument(JsonNode doc) {
        AuditEvent.EventClass chainClass = parsed(() -> AuditEvent.EventClass.valueOf(
                ChainedEvent.classChainOf(doc.path("chain").asText()).toUpperCase(java.util.Locale.ROOT)),
                AuditEvent.EventClass.SECURITY);
        AuditEvent event = new AuditEvent(doc.path("eventId").asText(), doc.path("tenantId").asText(),
                parsed(() -> Instant.parse(doc.path("at").asText()), Instant.EPOCH), doc.path("actor").asText(),
                doc.path("role").asText(), doc.path("action").asText(), doc.path("target").asText(),
                Optional.ofNullable(doc.get("purpose")).map(JsonNode::asText),
                Optional.ofNullable(doc.get("grantId")).map(JsonNode::asText),
                Optional.ofNullable(doc.get("ticket")).map(JsonNode::asText),
                parsed(() -> AuditEvent.Outcome.valueOf(doc.path("outcome").asText()), AuditEvent.Outcome.FAILED),
                doc.path("requestId").asText(),
                parsed(() -> AuditEvent.EventClass.valueOf(doc.path("eventClass").asText()), chainClass),
                Optional.ofNullable(doc.get("count")).map(JsonNode::asLong));
        return new ChainedEvent(event, doc.path("chain").asText(), doc.path("sequence").asLong(),
                doc.path("prevHash").asText(), doc.path("hash").asText());
    }
}
