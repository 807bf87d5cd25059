package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Asset metadata in the {@code assets} container (partition key {@code /tenantId}); the version is the ETag. */
public final class CosmosAssetStore implements AssetStore {
    public static final String CONTAINER = "assets";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosAssetStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Asset create(Asset asset) {
        ObjectNode document = toDocument(asset);
        String etag = CosmosFailures.createNew(Dependency.COSMOS, container.get(), document,
                new PartitionKey(asset.tenantId().value()),
                () -> new ConflictException("asset " + asset.id() + " already exists"));
        return fromDocument(document, etag);
    }

    @Override
    public Optional<Asset> find(TenantId tenant, AssetId id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(), new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem(), response.getETag()))
                .filter(asset -> asset.tenantId().equals(tenant));
    }

    @Override
    public Asset replace(Asset asset) {
        ObjectNode document = toDocument(asset);
        String etag = CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), document, asset.id().value(),
                new PartitionKey(asset.tenantId().value()), asset.version())
                .orElseThrow(() -> new PreconditionFailedException("the asset changed since that version was read"));
        return fromDocument(document, etag);
    }

    @Override
    public void delete(TenantId tenant, AssetId id) {
        CosmosFailures.deleteIfExists(Dependency.COSMOS, container.get(), id.value(), new PartitionKey(tenant.value()));
    }

    @Override
    public List<Asset> unfinished(Instant uploadsStartedBefore, int limit) {
        // createdAt is an ISO-8601 string: ordered as text, it is off by at most the fraction of one second, which a
        // sweep of uploads started an hour ago does not notice.
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.state = 'DELETING'"
                + " OR (c.state = 'UPLOADING' AND c.createdAt < @before)",
                List.of(new SqlParameter("@before", uploadsStartedBefore.toString())));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions().setMaxBufferedItemCount(limit), JsonNode.class).stream()
                .limit(limit).map(doc -> fromDocument(doc, doc.path("_etag").asText(""))).toList());
    }

    @Override
    public List<Asset> concerning(TenantId tenant, List<String> subjectIndex, Optional<AssetId> after, int limit) {
        if (subjectIndex.isEmpty()) {
            return List.of();
        }
        List<SqlParameter> parameters = new ArrayList<>(List.of(new SqlParameter("@tenant", tenant.value()),
                new SqlParameter("@after", after.map(AssetId::value).orElse(""))));
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " * FROM c WHERE c.tenantId = @tenant"
                + " AND c.id > @after AND " + SubjectFilter.anyOf(subjectIndex, parameters) + " ORDER BY c.id ASC",
                parameters);
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant.value())), JsonNode.class)
                .stream().limit(limit).map(doc -> fromDocument(doc, doc.path("_etag").asText(""))).toList());
    }

    @Override
    public Page list(TenantId tenant, Optional<String> subjectIndex, int pageSize, Optional<String> continuation) {
        StringBuilder sql = new StringBuilder("SELECT * FROM c WHERE c.tenantId = @tenant AND c.state = 'ACTIVE'");
        List<SqlParameter> parameters = new ArrayList<>(List.of(new SqlParameter("@tenant", tenant.value())));
        subjectIndex.ifPresent(index -> {
            sql.append(" AND ARRAY_CONTAINS(c.subjects, @subject)");
            parameters.add(new SqlParameter("@subject", index));
        });
        sql.append(" ORDER BY c.createdAt ASC");
        CosmosPaging.Page<Asset> page = CosmosPaging.page(Dependency.COSMOS, container.get(),
                new SqlQuerySpec(sql.toString(), parameters), tenant.value(), pageSize, continuation,
                doc -> fromDocument(doc, doc.path("_etag").asText("")));
        return new Page(page.items(), page.continuation());
    }

    static ObjectNode toDocument(Asset asset) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", asset.id().value());
        doc.put("tenantId", asset.tenantId().value());
        doc.put("name", asset.name());
        doc.put("contentType", asset.contentType());
        doc.put("size", asset.size());
        doc.put("sha256", asset.sha256());
        doc.put("formatVersion", asset.formatVersion());
        asset.subjectIndex().forEach(doc.putArray("subjects")::add);
        ObjectNode metadata = doc.putObject("metadata");
        asset.metadata().forEach(metadata::put);
        asset.legalHold().ifPresent(hold -> {
            ObjectNode node = doc.putObject("legalHold");
            node.put("reason", hold.reason());
            node.put("setBy", hold.setBy());
            node.put("since", hold.since().toString());
        });
        doc.put("createdAt", asset.createdAt().toString());
        doc.put("createdBy", asset.createdBy());
        doc.put("updatedAt", asset.updatedAt().toString());
        doc.put("state", asset.state().name());
        return doc;
    }

    static Asset fromDocument(JsonNode doc, String version) {
        List<String> subjects = new ArrayList<>();
        doc.path("subjects").forEach(s -> subjects.add(s.asText()));
        Map<String, String> metadata = new LinkedHashMap<>();
        doc.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        JsonNode hold = doc.get("legalHold");
        Optional<Asset.LegalHold> legalHold = hold == null || hold.isNull() ? Optional.empty()
                : Optional.of(new Asset.LegalHold(hold.get("reason").asText(), hold.get("setBy").asText(),
                Instant.parse(hold.get("since").asText())));
        return new Asset(TenantId.of(doc.get("tenantId").asText()), AssetId.of(doc.get("id").asText()),
                doc.get("name").asText(), doc.get("contentType").asText(), doc.get("size").asLong(),
                doc.get("sha256").asText(), doc.get("formatVersion").asInt(), subjects, metadata, legalHold,
                Instant.parse(doc.get("createdAt").asText()), doc.get("createdBy").asText(),
                Instant.parse(doc.get("updatedAt").asText()), Asset.State.valueOf(doc.get("state").asText()),
                version == null ? "" : version);
    }
}
