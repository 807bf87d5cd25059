package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ErasureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Erasure requests and their per-asset items in the {@code erasures} container (partition key {@code /tenantId}):
 * a request is the document {@code <erasureId>} ({@code type: request}), each item {@code <erasureId>.<assetId>}
 * ({@code type: item}), so a request of 10,000 assets never nears the size limit of one document. Versions are
 * ETags. Nothing here holds a subject's identifier: only blind-index values.
 */
public final class CosmosErasureStore implements ErasureStore {
    public static final String CONTAINER = "erasures";
    static final int MAX_BATCH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosErasureStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public ErasureRequest create(ErasureRequest request) {
        String etag = CosmosFailures.createNew(Dependency.COSMOS, container.get(), toDocument(request),
                new PartitionKey(request.tenantId().value()),
                () -> new ConflictException("erasure request " + request.id() + " already exists"));
        return request.withVersion(etag);
    }

    @Override
    public Optional<ErasureRequest> find(TenantId tenant, ErasureId id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(),
                        new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem(), response.getETag()))
                .filter(request -> request.tenantId().equals(tenant));
    }

    @Override
    public ErasureRequest replace(ErasureRequest request) {
        String etag = CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), toDocument(request),
                        request.id().value(), new PartitionKey(request.tenantId().value()), request.version())
                .orElseThrow(() -> new PreconditionFailedException("the erasure request changed since it was read"));
        return request.withVersion(etag);
    }

    @Override
    public Page list(TenantId tenant, Optional<ErasureRequest.State> state, int pageSize, Optional<String> continuation) {
        List<SqlParameter> parameters = new ArrayList<>(List.of(new SqlParameter("@tenant", tenant.value())));
        StringBuilder sql = new StringBuilder("SELECT * FROM c WHERE c.tenantId = @tenant AND c.type = 'request'");
        state.ifPresent(s -> {
            sql.append(" AND c.state = @state");
            parameters.add(new SqlParameter("@state", s.name()));
        });
        sql.append(" ORDER BY c.requestedAt DESC");
        CosmosPaging.Page<ErasureRequest> page = CosmosPaging.page(Dependency.COSMOS, container.get(),
                new SqlQuerySpec(sql.toString(), parameters), tenant.value(), pageSize, continuation,
                CosmosErasureStore::fromStoredDocument);
        return new Page(page.items(), page.continuation());
    }

    /** One transactional batch (all items share the tenant's partition; a batch takes 100 operations). */
    @Override
    public void putItems(List<ErasureItem> items) {
        if (items.isEmpty()) {
            return;
        }
        if (items.size() > MAX_BATCH || items.stream().map(ErasureItem::tenantId).distinct().count() != 1) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " items of one tenant");
        }
        CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(items.get(0).tenantId().value()));
        items.forEach(item -> batch.upsertItemOperation(toDocument(item)));
        CosmosFailures.call(Dependency.COSMOS, () -> {
            CosmosBatchResponse response = container.get().executeCosmosBatch(batch);
            if (!response.isSuccessStatusCode()) {
                throw new DependencyUnavailableException(Dependency.COSMOS, new IllegalStateException(
                        "the batch of erasure items failed with status " + response.getStatusCode()));
            }
            return response;
        });
    }

    @Override
    public Optional<ErasureItem> item(TenantId tenant, ErasureId id, AssetId asset) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), itemId(id, asset),
                new PartitionKey(tenant.value())).map(response -> itemFrom(response.getItem()));
    }

    @Override
    public List<ErasureItem> items(TenantId tenant, ErasureId id) {
        return query(tenant, new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND c.type = 'item'"
                + " AND c.erasureId = @erasure ORDER BY c.assetId ASC", List.of(
                new SqlParameter("@tenant", tenant.value()), new SqlParameter("@erasure", id.value()))),
                CosmosErasureStore::itemFrom);
    }

    @Override
    public List<ErasureId> retaining(TenantId tenant, AssetId asset) {
        return query(tenant, new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND c.type = 'item'"
                + " AND c.assetId = @asset AND c.outcome = 'RETAINED'", List.of(
                new SqlParameter("@tenant", tenant.value()), new SqlParameter("@asset", asset.value()))),
                doc -> ErasureId.of(doc.get("erasureId").asText()));
    }

    @Override
    public List<ErasureRequest> approvedBefore(Instant before, int limit) {
        return requestsOfAnyTenant("c.state = 'APPROVED' AND c.approvedAtMs < @at", before, limit);
    }

    @Override
    public List<ErasureRequest> completedIrrecoverableBy(Instant now, int limit) {
        return requestsOfAnyTenant("c.state = 'COMPLETED' AND c.irrecoverableAfterMs <= @at", now, limit);
    }

    /** Up to {@code limit} requests of every tenant meeting {@code condition}, in which {@code @at} is {@code at}. */
    private List<ErasureRequest> requestsOfAnyTenant(String condition, Instant at, int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " * FROM c WHERE c.type = 'request' AND "
                + condition, List.of(new SqlParameter("@at", at.toEpochMilli())));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                new CosmosQueryRequestOptions(), JsonNode.class).stream().limit(limit)
                .map(CosmosErasureStore::fromStoredDocument).toList());
    }

    private <T> List<T> query(TenantId tenant, SqlQuerySpec query, Function<JsonNode, T> map) {
        return CosmosFailures.call(Dependency.COSMOS, () -> {
            List<T> found = new ArrayList<>();
            container.get().queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(
                    new PartitionKey(tenant.value())), JsonNode.class).forEach(doc -> found.add(map.apply(doc)));
            return found;
        });
    }

    private static String itemId(ErasureId erasure, AssetId asset) {
        return erasure.value() + "." + asset.value();
    }

    static ObjectNode toDocument(ErasureRequest request) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", request.id().value());
        doc.put("type", "request");
        doc.put("tenantId", request.tenantId().value());
        request.subjectIndex().forEach(doc.putArray("subjects")::add);
        doc.put("reason", request.reason());
        request.reference().ifPresent(r -> doc.put("reference", r));
        doc.put("receivedAt", request.receivedAt().toString());
        ArrayNode extensions = doc.putArray("extensions");
        request.extensions().forEach(e -> extensions.addObject().put("months", e.months()).put("reason", e.reason())
                .put("by", e.by()).put("at", e.at().toString()));
        doc.put("requestedBy", request.requestedBy());
        doc.put("requestedAt", request.requestedAt().toString());
        request.previewAssets().forEach(a -> doc.withArray("previewAssets").add(a.value()));
        doc.put("state", request.state().name());
        request.approval().ifPresent(d -> {
            doc.putObject("approval").put("by", d.by()).put("at", d.at().toString());
            doc.put("approvedAtMs", d.at().toEpochMilli());
        });
        request.cancellation().ifPresent(d -> doc.putObject("cancellation").put("by", d.by())
                .put("at", d.at().toString()));
        request.startedAt().ifPresent(at -> doc.put("startedAt", at.toString()));
        request.completion().ifPresent(c -> {
            doc.putObject("completion").put("at", c.at().toString())
                    .put("irrecoverableAfter", c.irrecoverableAfter().toString())
                    .put("receiptSha256", c.receiptSha256());
            doc.put("irrecoverableAfterMs", c.irrecoverableAfter().toEpochMilli());
        });
        request.failure().ifPresent(f -> doc.putObject("failure").put("step", f.step()).put("error", f.error())
                .put("at", f.at().toString()));
        request.irrecoverableAt().ifPresent(at -> doc.put("irrecoverableAt", at.toString()));
        return doc;
    }

    private static ErasureRequest fromStoredDocument(JsonNode doc) {
        return fromDocument(doc, doc.path("_etag").asText(""));
    }

    static ErasureRequest fromDocument(JsonNode doc, String version) {
        List<String> subjects = new ArrayList<>();
        doc.path("subjects").forEach(s -> subjects.add(s.asText()));
        List<ErasureRequest.Extension> extensions = new ArrayList<>();
        doc.path("extensions").forEach(e -> extensions.add(new ErasureRequest.Extension(e.get("months").asInt(),
                e.get("reason").asText(), e.get("by").asText(), Instant.parse(e.get("at").asText()))));
        List<AssetId> preview = new ArrayList<>();
        doc.path("previewAssets").forEach(a -> preview.add(AssetId.of(a.asText())));
        return new ErasureRequest(TenantId.of(doc.get("tenantId").asText()), ErasureId.of(doc.get("id").asText()),
                subjects, doc.get("reason").asText(), text(doc, "reference"),
                Instant.parse(doc.get("receivedAt").asText()), extensions, doc.get("requestedBy").asText(),
                Instant.parse(doc.get("requestedAt").asText()), preview,
                ErasureRequest.State.valueOf(doc.get("state").asText()), decision(doc.get("approval")),
                decision(doc.get("cancellation")), time(doc, "startedAt"),
                doc.hasNonNull("completion") ? Optional.of(new ErasureRequest.Completion(
                        Instant.parse(doc.get("completion").get("at").asText()),
                        Instant.parse(doc.get("completion").get("irrecoverableAfter").asText()),
                        doc.get("completion").get("receiptSha256").asText())) : Optional.empty(),
                doc.hasNonNull("failure") ? Optional.of(new ErasureRequest.Failure(
                        doc.get("failure").get("step").asText(), doc.get("failure").get("error").asText(),
                        Instant.parse(doc.get("failure").get("at").asText()))) : Optional.empty(),
                time(doc, "irrecoverableAt"), version);
    }

    static ObjectNode toDocument(ErasureItem item) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", itemId(item.erasureId(), item.assetId()));
        doc.put("type", "item");
        doc.put("tenantId", item.tenantId().value());
        doc.put("erasureId", item.erasureId().value());
        doc.put("assetId", item.assetId().value());
        doc.put("outcome", item.outcome().name());
        doc.put("size", item.size());
        item.dekId().ifPresent(d -> doc.put("dekId", d));
        item.retainedBecause().ifPresent(r -> doc.put("retainedBecause", r));
        doc.put("matchedAfterPreview", item.matchedAfterPreview());
        doc.put("at", item.at().toString());
        return doc;
    }

    static ErasureItem itemFrom(JsonNode doc) {
        return new ErasureItem(TenantId.of(doc.get("tenantId").asText()), ErasureId.of(doc.get("erasureId").asText()),
                AssetId.of(doc.get("assetId").asText()), ErasureItem.Outcome.valueOf(doc.get("outcome").asText()),
                doc.get("size").asLong(), text(doc, "dekId"), text(doc, "retainedBecause"),
                doc.path("matchedAfterPreview").asBoolean(), Instant.parse(doc.get("at").asText()));
    }

    private static Optional<String> text(JsonNode doc, String field) {
        return doc.hasNonNull(field) ? Optional.of(doc.get(field).asText()) : Optional.empty();
    }

    private static Optional<Instant> time(JsonNode doc, String field) {
        return text(doc, field).map(Instant::parse);
    }

    private static Optional<ErasureRequest.Decision> decision(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty()
                : Optional.of(new ErasureRequest.Decision(node.get("by").asText(), Instant.parse(node.get("at").asText())));
    }
}
