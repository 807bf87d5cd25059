package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.CancellationStore;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A tenant's cancellation as the one document {@value #ID} of type {@code cancellation} in its partition of
 * {@code jobs}, beside its exports; the version is the ETag.
 */
public final class CosmosCancellationStore implements CancellationStore {
    public static final String CONTAINER = "jobs";
    /** The document's id in the tenant's partition; the purge keeps it. */
    public static final String ID = "cancellation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosCancellationStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Optional<Cancellation> find(TenantId tenant) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), ID, new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem(), response.getETag()));
    }

    @Override
    public Cancellation create(Cancellation cancellation) {
        String etag = CosmosFailures.createNew(Dependency.COSMOS, container.get(), toDocument(cancellation),
                new PartitionKey(cancellation.tenantId().value()),
                () -> new ConflictException("tenant " + cancellation.tenantId() + " has a cancellation already"));
        return cancellation.withVersion(etag);
    }

    @Override
    public Cancellation replace(Cancellation cancellation) {
        String etag = CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), toDocument(cancellation), ID,
                        new PartitionKey(cancellation.tenantId().value()), cancellation.version())
                .orElseThrow(() -> new PreconditionFailedException("the cancellation changed since it was read"));
        return cancellation.withVersion(etag);
    }

    @Override
    public List<Cancellation> open(int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " * FROM c WHERE c.type = 'cancellation'"
                + " AND c.state != 'PURGED' AND c.state != 'REVOKED'");
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions(), JsonNode.class).stream().limit(limit)
                .map(doc -> fromDocument(doc, doc.path("_etag").asText(""))).toList());
    }

    static ObjectNode toDocument(Cancellation c) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", ID);
        doc.put("tenantId", c.tenantId().value());
        doc.put("type", "cancellation");
        doc.put("cancellationId", c.id());
        doc.put("state", c.state().name());
        doc.put("graceDays", c.graceDays());
        c.reference().ifPresent(r -> doc.put("reference", r));
        doc.put("exportFirst", c.exportFirst());
        doc.put("requestedBy", c.requestedBy());
        ObjectNode dates = doc.putObject("enteredAt");
        c.enteredAt().forEach((state, at) -> dates.put(state.name(), at.toString()));
        c.exportId().ifPresent(x -> doc.put("exportId", x.value()));
        c.purgeQueuedAt().ifPresent(at -> doc.put("purgeQueuedAt", at.toString()));
        Cancellation.Purge purge = c.purge();
        purge.inventory().ifPresent(counts -> {
            ObjectNode inventory = doc.putObject("inventory");
            counts.forEach(inventory::put);
        });
        purge.kekId().ifPresent(k -> doc.put("kekId", k));
        purge.keysDestroyedAt().ifPresent(at -> doc.put("keysDestroyedAt", at.toString()));
        purge.certificate().ifPresent(jws -> doc.put("certificate", jws));
        purge.certificateSentAt().ifPresent(at -> doc.put("certificateSentAt", at.toString()));
        purge.sendingUntil().ifPresent(at -> doc.put("sendingUntil", at.toString()));
        return doc;
    }

    static Cancellation fromDocument(JsonNode doc, String etag) {
        Map<Cancellation.State, Instant> dates = new EnumMap<>(Cancellation.State.class);
        doc.get("enteredAt").fields().forEachRemaining(e ->
                dates.put(Cancellation.State.valueOf(e.getKey()), Instant.parse(e.getValue().asText())));
        Optional<Map<String, Long>> inventory = Optional.ofNullable(doc.get("inventory")).map(node -> {
            Map<String, Long> counts = new TreeMap<>();
            node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            return counts;
        });
        return new Cancellation(TenantId.of(doc.get("tenantId").asText()), doc.get("cancellationId").asText(),
                Cancellation.State.valueOf(doc.get("state").asText()), doc.get("graceDays").asInt(),
                text(doc, "reference"), doc.get("exportFirst").asBoolean(), doc.get("requestedBy").asText(), dates,
                text(doc, "exportId").map(ExportId::of), text(doc, "purgeQueuedAt").map(Instant::parse),
                new Cancellation.Purge(inventory, text(doc, "kekId"), text(doc, "keysDestroyedAt").map(Instant::parse),
                        text(doc, "certificate"), text(doc, "certificateSentAt").map(Instant::parse),
                        text(doc, "sendingUntil").map(Instant::parse)), etag);
    }

    private static Optional<String> text(JsonNode doc, String field) {
        return Optional.ofNullable(doc.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }
}
