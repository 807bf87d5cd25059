package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDirectory;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared tenant directory in the {@code directory} container of its own Cosmos DB account (partition key
 * {@code /id}, the Entra tenant id). Creating the document is the claim, so one Entra tenant has one entry; the
 * account has a single write region, which keeps that true across stamps.
 */
public final class CosmosTenantDirectory implements TenantDirectory {
    public static final String CONTAINER = "directory";
    private static final Dependency DEPENDENCY = Dependency.DIRECTORY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosTenantDirectory(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Optional<DirectoryEntry> find(EntraTenantId entraTenant) {
        return read(entraTenant).map(response -> fromDocument(response.getItem()));
    }

    @Override
    public void claim(DirectoryEntry entry) {
        Optional<DirectoryEntry> existing = find(entry.entraTenant());
        if (existing.isEmpty()) {
            try {
                CosmosFailures.createNew(DEPENDENCY, container.get(), toDocument(entry),
                        new PartitionKey(entry.entraTenant().value()), ClaimRace::new);
            } catch (ClaimRace lost) {
                // Another request created the entry first: whose it is decides below.
            }
            existing = find(entry.entraTenant());
        }
        if (!existing.map(entry::equals).orElse(false)) {
            throw new ConflictException("Entra tenant " + entry.entraTenant() + " is already registered on a tenant");
        }
    }

    @Override
    public void release(DirectoryEntry entry) {
        Optional<CosmosItemResponse<JsonNode>> current = read(entry.entraTenant());
        if (current.isEmpty() || !fromDocument(current.get().getItem()).equals(entry)) {
            return;
        }
        CosmosFailures.call(DEPENDENCY, () -> {
            try {
                return container.get().deleteItem(entry.entraTenant().value(),
                        new PartitionKey(entry.entraTenant().value()),
                        new CosmosItemRequestOptions().setIfMatchETag(current.get().getETag()));
            } catch (com.azure.cosmos.CosmosException e) {
                if (e.getStatusCode() == CosmosFailures.NOT_FOUND
                        || e.getStatusCode() == CosmosFailures.PRECONDITION_FAILED) {
                    return null;
                }
                throw e;
            }
        });
    }

    private static final class ClaimRace extends RuntimeException {
        ClaimRace() {
            super(null, null, false, false);
        }
    }

    private Optional<CosmosItemResponse<JsonNode>> read(EntraTenantId entraTenant) {
        return CosmosFailures.readIfExists(DEPENDENCY, container.get(), entraTenant.value(),
                new PartitionKey(entraTenant.value()));
    }

    private static ObjectNode toDocument(DirectoryEntry entry) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", entry.entraTenant().value());
        doc.put("tenantId", entry.tenant().value());
        doc.put("region", entry.region().azureName());
        return doc;
    }

    private static DirectoryEntry fromDocument(JsonNode doc) {
        return new DirectoryEntry(EntraTenantId.of(doc.get("id").asText()), TenantId.of(doc.get("tenantId").asText()),
                Region.fromAzureName(doc.get("region").asText()).orElseThrow());
    }
}
