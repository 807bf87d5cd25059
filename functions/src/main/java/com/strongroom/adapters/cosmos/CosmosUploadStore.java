package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.UploadStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Upload sessions in the {@code uploads} container (partition key {@code /tenantId}): one document per session
 * and one per staged part, each with a Cosmos {@code ttl} that ends with the session.
 */
public final class CosmosUploadStore implements UploadStore {
    public static final String CONTAINER = "uploads";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;
    private final Clock clock;

    public CosmosUploadStore(Supplier<CosmosContainer> container, Clock clock) {
        this.container = container;
        this.clock = clock;
    }

    @Override
    public void create(UploadSession session) {
        CosmosFailures.call(Dependency.COSMOS, () -> {
            try {
                return container.get().createItem(toDocument(session), new PartitionKey(session.tenantId().value()),
                        new CosmosItemRequestOptions());
            } catch (CosmosException e) {
                if (e.getStatusCode() == CosmosFailures.CONFLICT) {
                    throw new ConflictException("upload " + session.id() + " already exists");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<UploadSession> find(TenantId tenant, AssetId id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(), new PartitionKey(tenant.value()))
                .map(r -> r.getItem()).filter(doc -> "session".equals(doc.path("type").asText()))
                .map(CosmosUploadStore::fromDocument).filter(session -> session.tenantId().equals(tenant));
    }

    @Override
    public void putPart(UploadSession session, UploadPart part) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", partId(part.uploadId(), part.number()));
        doc.put("type", "part");
        doc.put("tenantId", part.tenantId().value());
        doc.put("uploadId", part.uploadId().value());
        doc.put("number", part.number());
        doc.put("length", part.length());
        part.blockIds().forEach(doc.putArray("blockIds")::add);
        doc.put("ttl", ttl(session.expiresAt()));
        CosmosFailures.call(Dependency.COSMOS, () -> container.get().upsertItem(doc, new PartitionKey(part.tenantId().value()),
                new CosmosItemRequestOptions()));
    }

    @Override
    public List<UploadPart> parts(TenantId tenant, AssetId id) {
        List<UploadPart> parts = new ArrayList<>();
        for (JsonNode doc : partDocuments(tenant, id)) {
            List<String> blocks = new ArrayList<>();
            doc.path("blockIds").forEach(b -> blocks.add(b.asText()));
            parts.add(new UploadPart(tenant, id, doc.get("number").asInt(), doc.get("length").asLong(), blocks));
        }
        parts.sort(Comparator.comparingInt(UploadPart::number));
        return parts;
    }

    @Override
    public List<UploadSession> concerning(TenantId tenant, List<String> subjectIndex, int limit) {
        if (subjectIndex.isEmpty()) {
            return List.of();
        }
        List<SqlParameter> parameters = new ArrayList<>(List.of(new SqlParameter("@tenant", tenant.value())));
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " * FROM c WHERE c.tenantId = @tenant"
                + " AND c.type = 'session' AND " + SubjectFilter.anyOf(subjectIndex, parameters), parameters);
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant.value())), JsonNode.class)
                .stream().limit(limit).map(CosmosUploadStore::fromDocument).toList());
    }

    @Override
    public void delete(TenantId tenant, AssetId id) {
        for (JsonNode doc : partDocuments(tenant, id)) {
            CosmosFailures.deleteIfExists(Dependency.COSMOS, container.get(), doc.get("id").asText(), new PartitionKey(tenant.value()));
        }
        CosmosFailures.deleteIfExists(Dependency.COSMOS, container.get(), id.value(), new PartitionKey(tenant.value()));
    }

    private List<JsonNode> partDocuments(TenantId tenant, AssetId id) {
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT * FROM c WHERE c.tenantId = @tenant AND c.uploadId = @upload AND c.type = 'part'",
                List.of(new SqlParameter("@tenant", tenant.value()), new SqlParameter("@upload", id.value())));
        return CosmosFailures.call(Dependency.COSMOS, () -> {
            List<JsonNode> docs = new ArrayList<>();
            container.get().queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(
                    new PartitionKey(tenant.value())), JsonNode.class).forEach(docs::add);
            return docs;
        });
    }

    private static String partId(AssetId upload, int number) {
        return upload.value() + ".part-" + number;
    }

    private long ttl(Instant expiresAt) {
        return Math.max(1, Duration.between(clock.instant(), expiresAt).toSeconds() + 1);
    }

    private ObjectNode toDocument(UploadSession session) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", session.id().value());
        doc.put("type", "session");
        doc.put("tenantId", session.tenantId().value());
        doc.put("name", session.name());
        doc.put("contentType", session.contentType());
        doc.put("size", session.size());
        doc.put("partSize", session.partSize());
        session.sha256().ifPresent(h -> doc.put("sha256", h));
        session.subjectIndex().forEach(doc.putArray("subjects")::add);
        ObjectNode metadata = doc.putObject("metadata");
        session.metadata().forEach(metadata::put);
        doc.put("createdBy", session.createdBy());
        doc.put("createdAt", session.createdAt().toString());
        doc.put("expiresAt", session.expiresAt().toString());
        doc.put("ttl", ttl(session.expiresAt()));
        return doc;
    }

    private static UploadSession fromDocument(JsonNode doc) {
        List<String> subjects = new ArrayList<>();
        doc.path("subjects").forEach(s -> subjects.add(s.asText()));
        Map<String, String> metadata = new LinkedHashMap<>();
        doc.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return new UploadSession(TenantId.of(doc.get("tenantId").asText()), AssetId.of(doc.get("id").asText()),
                doc.get("name").asText(), doc.get("contentType").asText(), doc.get("size").asLong(),
                doc.get("partSize").asInt(), Optional.ofNullable(doc.get("sha256")).map(JsonNode::asText), subjects,
                metadata, doc.get("createdBy").asText(), Instant.parse(doc.get("createdAt").asText()),
                Instant.parse(doc.get("expiresAt").asText()));
    }
}
