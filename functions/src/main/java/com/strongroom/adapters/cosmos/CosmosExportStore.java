package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
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
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ExportStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Exports as documents of type {@code export} in the tenant's partition of {@code jobs}; the version is the ETag.
 * Times are kept as ISO strings and, where queries compare them, as epoch milliseconds.
 */
public final class CosmosExportStore implements ExportStore {
    public static final String CONTAINER = "jobs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosExportStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Export create(Export export) {
        String etag = CosmosFailures.createNew(Dependency.COSMOS, container.get(), toDocument(export),
                new PartitionKey(export.tenantId().value()),
                () -> new ConflictException("export " + export.id() + " already exists"));
        return export.withVersion(etag);
    }

    @Override
    public Optional<Export> find(TenantId tenant, ExportId id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(),
                        new PartitionKey(tenant.value()))
                .filter(response -> "export".equals(response.getItem().path("type").asText()))
                .map(response -> fromDocument(response.getItem(), response.getETag()))
                .filter(export -> export.tenantId().equals(tenant));
    }

    @Override
    public Export replace(Export export) {
        String etag = CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), toDocument(export),
                        export.id().value(), new PartitionKey(export.tenantId().value()), export.version())
                .orElseThrow(() -> new PreconditionFailedException("the export changed since it was read"));
        return export.withVersion(etag);
    }

    @Override
    public List<Export> list(TenantId tenant, int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " * FROM c WHERE c.tenantId = @tenant"
                + " AND c.type = 'export' ORDER BY c.requestedAtMs DESC",
                List.of(new SqlParameter("@tenant", tenant.value())));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant.value())),
                        JsonNode.class).stream().limit(limit)
                .map(doc -> fromDocument(doc, doc.path("_etag").asText(""))).toList());
    }

    @Override
    public List<Export> expiredBy(Instant now, int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " * FROM c WHERE c.type = 'export'"
                + " AND c.state != 'EXPIRED' AND c.expiresAtMs <= @now",
                List.of(new SqlParameter("@now", now.toEpochMilli())));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions(), JsonNode.class).stream().limit(limit)
                .map(doc -> fromDocument(doc, doc.path("_etag").asText(""))).toList());
    }

    static ObjectNode toDocument(Export e) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", e.id().value());
        doc.put("tenantId", e.tenantId().value());
        doc.put("type", "export");
        e.subjects().ifPresent(subjects -> {
            subjects.index().forEach(doc.putArray("subjectIndex")::add);
            subjects.reference().ifPresent(r -> doc.put("reference", r));
        });
        doc.put("state", e.state().name());
        doc.put("requestedBy", e.requestedBy());
        doc.put("requestedAt", e.requestedAt().toString());
        doc.put("requestedAtMs", e.requestedAt().toEpochMilli());
        doc.put("expiresAt", e.expiresAt().toString());
        doc.put("expiresAtMs", e.expiresAt().toEpochMilli());
        ObjectNode progress = doc.putObject("progress");
        progress.put("assetsDone", e.progress().assetsDone());
        progress.put("assetsTotal", e.progress().assetsTotal());
        progress.put("bytesDone", e.progress().bytesDone());
        progress.put("stagedBlocks", e.progress().stagedBlocks());
        progress.put("stagedChecksum", e.progress().stagedChecksum());
        e.content().ifPresent(p -> {
            ObjectNode content = doc.putObject("content");
            content.put("length", p.length());
            content.put("blocks", p.blocks());
            content.put("assets", p.assets());
            content.put("payloadBytes", p.payloadBytes());
        });
        e.failure().ifPresent(f -> doc.put("failure", f));
        doc.put("updatedAt", e.updatedAt().toString());
        return doc;
    }

    static Export fromDocument(JsonNode doc, String etag) {
        JsonNode p = doc.get("progress");
        Optional<Export.Package> content = Optional.ofNullable(doc.get("content")).map(c -> new Export.Package(
                c.get("length").asLong(), c.get("blocks").asInt(), c.get("assets").asInt(),
                c.get("payloadBytes").asLong()));
        Optional<Export.Subjects> subjects = Optional.ofNullable(doc.get("subjectIndex")).map(index -> {
            List<String> values = new java.util.ArrayList<>();
            index.forEach(v -> values.add(v.asText()));
            return new Export.Subjects(values, Optional.ofNullable(doc.get("reference")).map(JsonNode::asText));
        });
        return new Export(TenantId.of(doc.get("tenantId").asText()), ExportId.of(doc.get("id").asText()), subjects,
                Export.State.valueOf(doc.get("state").asText()), doc.get("requestedBy").asText(),
                Instant.parse(doc.get("requestedAt").asText()), Instant.parse(doc.get("expiresAt").asText()),
                new Export.Progress(p.get("assetsDone").asInt(), p.get("assetsTotal").asInt(),
                        p.get("bytesDone").asLong(), p.get("stagedBlocks").asInt(), p.get("stagedChecksum").asLong()),
                content, Optional.ofNullable(doc.get("failure")).map(JsonNode::asText),
                Instant.parse(doc.get("updatedAt").asText()), etag);
    }
}
