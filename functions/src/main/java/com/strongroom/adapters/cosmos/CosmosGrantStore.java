package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.ReadConsistencyStrategy;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.GrantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Consent grants in the {@code grants} container (partition key {@code /tenantId}); the version is the ETag.
 * Grants are kept after they end: they are the customer's record of what support was allowed to do.
 */
public final class CosmosGrantStore implements GrantStore {
    public static final String CONTAINER = "grants";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosGrantStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public void create(ConsentGrant grant) {
        CosmosFailures.createNew(Dependency.COSMOS, container.get(), toDocument(grant), new PartitionKey(grant.tenantId().value()),
                () -> new ConflictException("consent grant " + grant.id() + " already exists"));
    }

    @Override
    public Optional<ConsentGrant> find(TenantId tenant, GrantId id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(), new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem(), response.getETag()))
                .filter(grant -> grant.tenantId().equals(tenant));
    }

    @Override
    public List<ConsentGrant> forGrantee(TenantId tenant, String grantee) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND c.grantee = @grantee",
                List.of(new SqlParameter("@tenant", tenant.value()), new SqlParameter("@grantee", grantee)));
        // The grants that decide a support engineer's access must be the latest written, whichever instance wrote them:
        // Session consistency promises that only to the client that wrote, and a revocation must act on the very next
        // request anywhere. LATEST_COMMITTED reads the last committed version by quorum in the (single) write region.
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant.value()))
                                .setReadConsistencyStrategy(ReadConsistencyStrategy.LATEST_COMMITTED), JsonNode.class)
                .stream().map(CosmosGrantStore::fromStoredDocument).toList());
    }

    @Override
    public ConsentGrant replace(ConsentGrant grant) {
        ObjectNode document = toDocument(grant);
        String etag = CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), document, grant.id().value(),
                new PartitionKey(grant.tenantId().value()), grant.version())
                .orElseThrow(() -> new PreconditionFailedException("the consent grant changed since it was read"));
        return grant.withVersion(etag);
    }

    @Override
    public Page list(TenantId tenant, int pageSize, Optional<String> continuation) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant ORDER BY c.createdAt DESC",
                List.of(new SqlParameter("@tenant", tenant.value())));
        CosmosPaging.Page<ConsentGrant> page = CosmosPaging.page(Dependency.COSMOS, container.get(), query, tenant.value(),
                pageSize, continuation, CosmosGrantStore::fromStoredDocument);
        return new Page(page.items(), page.continuation());
    }

    @Override
    public List<ConsentGrant> recordedActiveExpiredBy(Instant now, int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " * FROM c WHERE c.status = 'ACTIVE' "
                + "AND c.expiresAtMs <= @now", List.of(new SqlParameter("@now", now.toEpochMilli())));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query, new CosmosQueryRequestOptions(),
                JsonNode.class).stream().map(CosmosGrantStore::fromStoredDocument).toList());
    }

    static ObjectNode toDocument(ConsentGrant grant) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", grant.id().value());
        doc.put("tenantId", grant.tenantId().value());
        doc.put("grantee", grant.grantee());
        doc.put("scope", grant.scope().wholeTenant() ? "tenant" : "assets");
        grant.scope().assets().forEach(a -> doc.withArray("assetIds").add(a.value()));
        grant.permissions().stream().map(ConsentPermission::value).sorted()
                .forEach(doc.putArray("permissions")::add);
        doc.put("purpose", grant.purpose());
        doc.put("ticket", grant.ticket());
        doc.put("createdAt", grant.createdAt().toString());
        doc.put("grantedBy", grant.grantedBy());
        doc.put("expiresAt", grant.expiresAt().toString());
        doc.put("expiresAtMs", grant.expiresAt().toEpochMilli());
        grant.revocation().ifPresent(r -> {
            doc.put("revokedAt", r.at().toString());
            doc.put("revokedBy", r.by());
        });
        grant.firstUsedAt().ifPresent(at -> doc.put("firstUsedAt", at.toString()));
        doc.put("status", grant.recorded().name());
        return doc;
    }

    private static ConsentGrant fromStoredDocument(JsonNode doc) {
        return fromDocument(doc, doc.path("_etag").asText(""));
    }

    static ConsentGrant fromDocument(JsonNode doc, String version) {
        List<AssetId> assets = new ArrayList<>();
        doc.path("assetIds").forEach(a -> assets.add(AssetId.of(a.asText())));
        Set<ConsentPermission> permissions = EnumSet.noneOf(ConsentPermission.class);
        doc.path("permissions").forEach(p -> permissions.add(ConsentPermission.of(p.asText())));
        Optional<ConsentGrant.Revocation> revocation = doc.hasNonNull("revokedAt")
                ? Optional.of(new ConsentGrant.Revocation(Instant.parse(doc.get("revokedAt").asText()),
                doc.path("revokedBy").asText())) : Optional.empty();
        return new ConsentGrant(GrantId.of(doc.get("id").asText()), TenantId.of(doc.get("tenantId").asText()),
                doc.get("grantee").asText(), "tenant".equals(doc.path("scope").asText())
                ? ConsentGrant.Scope.tenant() : ConsentGrant.Scope.assets(assets), permissions,
                doc.get("purpose").asText(), doc.get("ticket").asText(), Instant.parse(doc.get("createdAt").asText()),
                doc.get("grantedBy").asText(), Instant.parse(doc.get("expiresAt").asText()), revocation,
                doc.hasNonNull("firstUsedAt") ? Optional.of(Instant.parse(doc.get("firstUsedAt").asText()))
                        : Optional.empty(), ConsentGrant.Status.valueOf(doc.get("status").asText()), version);
    }
}
