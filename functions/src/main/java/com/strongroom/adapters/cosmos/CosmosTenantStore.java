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
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.TenantStore;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Tenants in the {@code tenants} container (partition key {@code /id}). Finding a tenant by its Entra tenant is a
 * cross-partition query over this stamp's few tenants; access control remembers the answer.
 */
public final class CosmosTenantStore implements TenantStore {
    public static final String CONTAINER = "tenants";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHANGE_ATTEMPTS = 5;

    private final Supplier<CosmosContainer> container;

    public CosmosTenantStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(), new PartitionKey(id.value()))
                .map(response -> fromDocument(response.getItem()));
    }

    @Override
    public List<TenantId> ids(int limit, Optional<TenantId> after) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP " + limit + " c.id FROM c WHERE c.id > @after ORDER BY c.id",
                List.of(new SqlParameter("@after", after.map(TenantId::value).orElse(""))));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query, new CosmosQueryRequestOptions(),
                JsonNode.class).stream().map(doc -> TenantId.of(doc.get("id").asText())).toList());
    }

    @Override
    public Optional<Tenant> findByEntraTenant(EntraTenantId entraTenant) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.entraTenantId = @entraTenant",
                List.of(new SqlParameter("@entraTenant", entraTenant.value())));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query, new CosmosQueryRequestOptions(),
                JsonNode.class).stream().map(CosmosTenantStore::fromDocument).findFirst());
    }

    @Override
    public void registerEntraTenant(TenantId id, EntraTenantId entraTenant) {
        CosmosFailures.call(Dependency.COSMOS, () -> {
            CosmosItemResponse<JsonNode> current = CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(),
                    new PartitionKey(id.value())).orElseThrow(() -> new NotFoundException("no tenant " + id));
            Tenant tenant = fromDocument(current.getItem());
            if (tenant.entraTenant().isPresent()) {
                if (!tenant.entraTenant().get().equals(entraTenant)) {
                    throw new ConflictException("tenant " + id + " is already registered to another Entra tenant");
                }
                return null;
            }
            return CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(),
                    toDocument(tenant.withEntraTenant(entraTenant)), id.value(), new PartitionKey(id.value()),
                    current.getETag()).orElseThrow(() -> new ConflictException("tenant " + id + " changed meanwhile"));
        });
    }

    @Override
    public void changeStatus(TenantId id, TenantStatus status) {
        change(id, tenant -> tenant.withStatus(status));
    }

    @Override
    public void strip(TenantId id) {
        change(id, Tenant::stripped);
    }

    /** Reads the tenant and writes it changed, again if another writer came between; unchanged, it writes nothing. */
    private void change(TenantId id, UnaryOperator<Tenant> change) {
        CosmosFailures.call(Dependency.COSMOS, () -> {
            for (int attempt = 1; ; attempt++) {
                CosmosItemResponse<JsonNode> current = CosmosFailures.readIfExists(Dependency.COSMOS, container.get(),
                        id.value(), new PartitionKey(id.value()))
                        .orElseThrow(() -> new NotFoundException("no tenant " + id));
                Tenant tenant = fromDocument(current.getItem());
                Tenant changed = change.apply(tenant);
                if (changed.equals(tenant) || CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(),
                        toDocument(changed), id.value(), new PartitionKey(id.value()), current.getETag()).isPresent()) {
                    return null;
                }
                if (attempt == CHANGE_ATTEMPTS) {
                    throw new ConflictException("tenant " + id + " kept changing");
                }
            }
        });
    }

    @Override
    public void create(Tenant tenant) {
        CosmosFailures.call(Dependency.COSMOS, () -> {
            try {
                return container.get().createItem(toDocument(tenant), new PartitionKey(tenant.id().value()),
                        new CosmosItemRequestOptions());
            } catch (CosmosException e) {
                if (e.getStatusCode() == CosmosFailures.CONFLICT) {
                    throw new ConflictException("tenant " + tenant.id() + " already exists");
                }
                throw e;
            }
        });
    }

    @Override
    public void replaceKeys(TenantId id, TenantKeys expected, TenantKeys replacement) {
        CosmosFailures.call(Dependency.COSMOS, () -> {
            CosmosItemResponse<JsonNode> current = CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(),
                    new PartitionKey(id.value())).orElseThrow(() -> new NotFoundException("no tenant " + id));
            Tenant tenant = fromDocument(current.getItem());
            if (!tenant.keys().equals(expected)) {
                throw new ConflictException("the keys of tenant " + id + " changed meanwhile");
            }
            try {
                return container.get().replaceItem(toDocument(tenant.withKeys(replacement)), id.value(),
                        new PartitionKey(id.value()), new CosmosItemRequestOptions().setIfMatchETag(current.getETag()));
            } catch (CosmosException e) {
                if (e.getStatusCode() == CosmosFailures.PRECONDITION_FAILED) {
                    throw new ConflictException("the keys of tenant " + id + " changed meanwhile");
                }
                throw e;
            }
        });
    }

    static ObjectNode toDocument(Tenant tenant) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", tenant.id().value());
        doc.put("displayName", tenant.displayName());
        doc.put("homeRegion", tenant.homeRegion().azureName());
        tenant.entraTenant().ifPresent(e -> doc.put("entraTenantId", e.value()));
        doc.put("createdAt", tenant.createdAt().toString());
        doc.put("createdBy", tenant.createdBy());
        doc.put("status", tenant.status().name());
        ObjectNode keys = doc.putObject("keys");
        keys.put("kekId", tenant.keys().kekId());
        keys.put("tdkVersion", tenant.keys().tdkVersion());
        keys.put("wrappedTdk", Base64.getEncoder().encodeToString(tenant.keys().wrappedTdk()));
        keys.put("wrappedBlindIndexKey", Base64.getEncoder().encodeToString(tenant.keys().wrappedBlindIndexKey()));
        ObjectNode retired = keys.putObject("retiredTdks");
        tenant.keys().retiredTdks().forEach((version, wrapped) ->
                retired.put(String.valueOf(version), Base64.getEncoder().encodeToString(wrapped)));
        return doc;
    }

    static Tenant fromDocument(JsonNode doc) {
        JsonNode keys = doc.get("keys");
        return new Tenant(TenantId.of(doc.get("id").asText()), doc.get("displayName").asText(),
                Region.fromAzureName(doc.get("homeRegion").asText()).orElseThrow(),
                doc.hasNonNull("entraTenantId") ? Optional.of(EntraTenantId.of(doc.get("entraTenantId").asText()))
                        : Optional.empty(),
                Instant.parse(doc.get("createdAt").asText()), doc.get("createdBy").asText(),
                TenantStatus.valueOf(doc.get("status").asText()),
                new TenantKeys(keys.get("kekId").asText(), keys.get("tdkVersion").asInt(),
                        Base64.getDecoder().decode(keys.get("wrappedTdk").asText()),
                        Base64.getDecoder().decode(keys.get("wrappedBlindIndexKey").asText()), retiredTdks(keys)));
    }

    private static Map<Integer, byte[]> retiredTdks(JsonNode keys) {
        Map<Integer, byte[]> retired = new HashMap<>();
        keys.path("retiredTdks").fields().forEachRemaining(e ->
                retired.put(Integer.parseInt(e.getKey()), Base64.getDecoder().decode(e.getValue().asText())));
        return retired;
    }
}
