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
import com.strongroom.core.model.WrappedDataKey;
import com.strongroom.core.port.DataKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keyring: wrapped DEKs in the {@code keyring} container of the keyring account (partition key
 * {@code /tenantId}). An entry with an expiry carries a Cosmos {@code ttl}, so the service removes it by itself;
 * reads also treat an entry past its expiry as gone, whether or not the service has removed it yet.
 */
public final class CosmosDataKeyStore implements DataKeyStore {
    public static final String CONTAINER = "keyring";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;
    private final Clock clock;

    public CosmosDataKeyStore(Supplier<CosmosContainer> container, Clock clock) {
        this.container = container;
        this.clock = clock;
    }

    @Override
    public void create(WrappedDataKey key) {
        CosmosFailures.createNew(Dependency.KEYRING, container.get(), toDocument(key), new PartitionKey(key.tenantId().value()),
                () -> new ConflictException("asset " + key.assetId() + " already has a content key"));
    }

    @Override
    public Optional<WrappedDataKey> find(TenantId tenant, AssetId asset) {
        return CosmosFailures.readIfExists(Dependency.KEYRING, container.get(), asset.value(), new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem(), response.getETag()))
                .filter(key -> key.tenantId().equals(tenant) && live(key));
    }

    @Override
    public List<WrappedDataKey> findAll(TenantId tenant, List<AssetId> assets) {
        if (assets.isEmpty()) {
            return List.of();
        }
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND ARRAY_CONTAINS(@ids, c.id)",
                List.of(new SqlParameter("@tenant", tenant.value()),
                        new SqlParameter("@ids", assets.stream().map(AssetId::value).toList())));
        return CosmosFailures.call(Dependency.KEYRING, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant.value())), JsonNode.class)
                .stream().map(doc -> fromDocument(doc, doc.path("_etag").asText(""))).filter(this::live).toList());
    }

    @Override
    public boolean replace(WrappedDataKey key) {
        return CosmosFailures.replaceIfMatch(Dependency.KEYRING, container.get(), toDocument(key), key.assetId().value(),
                new PartitionKey(key.tenantId().value()), key.version()).isPresent();
    }

    @Override
    public void delete(TenantId tenant, AssetId asset) {
        CosmosFailures.deleteIfExists(Dependency.KEYRING, container.get(), asset.value(), new PartitionKey(tenant.value()));
    }

    @Override
    public List<WrappedDataKey> sealedBefore(TenantId tenant, int tdkVersion, int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND c.tdkVersion < @version",
                List.of(new SqlParameter("@tenant", tenant.value()), new SqlParameter("@version", tdkVersion)));
        return CosmosPaging.firstItems(Dependency.KEYRING, container.get(), query, tenant.value(), limit,
                doc -> fromDocument(doc, doc.path("_etag").asText("")));
    }

    private boolean live(WrappedDataKey key) {
        return key.expiresAt().map(clock.instant()::isBefore).orElse(true);
    }

    private ObjectNode toDocument(WrappedDataKey key) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", key.assetId().value());
        doc.put("tenantId", key.tenantId().value());
        doc.put("tdkVersion", key.tdkVersion());
        doc.put("sealedDek", Base64.getEncoder().encodeToString(key.sealed()));
        key.expiresAt().ifPresent(at -> {
            doc.put("expiresAt", at.toString());
            doc.put("ttl", Math.max(1, Duration.between(clock.instant(), at).toSeconds() + 1));
        });
        return doc;
    }

    private static WrappedDataKey fromDocument(JsonNode doc, String version) {
        JsonNode expires = doc.get("expiresAt");
        return new WrappedDataKey(TenantId.of(doc.get("tenantId").asText()), AssetId.of(doc.get("id").asText()),
                doc.get("tdkVersion").asInt(), Base64.getDecoder().decode(doc.get("sealedDek").asText()),
                expires == null ? Optional.empty() : Optional.of(Instant.parse(expires.asText())),
                version == null ? "" : version);
    }
}
