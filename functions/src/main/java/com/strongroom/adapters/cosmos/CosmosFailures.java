package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns Cosmos DB failures the caller cannot act on into one core failure naming the dependency. */
final class CosmosFailures {
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    static final int PRECONDITION_FAILED = 412;

    private CosmosFailures() {
    }

    /** A point read that answers empty for a missing document, and fails like {@link #call} otherwise. */
    static Optional<CosmosItemResponse<JsonNode>> readIfExists(Dependency dependency, CosmosContainer container, String id,
                                                             PartitionKey partitionKey) {
        return call(dependency, () -> {
            try {
                return Optional.of(container.readItem(id, partitionKey, JsonNode.class));
            } catch (CosmosException e) {
                if (e.getStatusCode() == NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Deletes a document; nothing happens if it is already gone. */
    static void deleteIfExists(Dependency dependency, CosmosContainer container, String id, PartitionKey partitionKey) {
        call(dependency, () -> {
            try {
                return container.deleteItem(id, partitionKey, new CosmosItemRequestOptions());
            } catch (CosmosException e) {
                if (e.getStatusCode() == NOT_FOUND) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** Creates a document; throws what {@code onConflict} gives when its id is taken. */
    /** Creates a document that must not exist yet; returns its ETag. */
    static String createNew(Dependency dependency, CosmosContainer container, JsonNode document,
                            PartitionKey partitionKey, Supplier<RuntimeException> onConflict) {
        return call(dependency, () -> {
            try {
                return container.createItem(document, partitionKey, new CosmosItemRequestOptions()).getETag();
            } catch (CosmosException e) {
                if (e.getStatusCode() == CONFLICT) {
                    throw onConflict.get();
                }
                throw e;
            }
        });
    }

    /**
     * Replaces a document if it is still at {@code etag}; returns its new ETag, or empty if it changed or is gone.
     */
    static Optional<String> replaceIfMatch(Dependency dependency, CosmosContainer container, JsonNode document, String id,
                                           PartitionKey partitionKey, String etag) {
        return call(dependency, () -> {
            try {
                return Optional.of(container.replaceItem(document, id, partitionKey,
                        new CosmosItemRequestOptions().setIfMatchETag(etag)).getETag());
            } catch (CosmosException e) {
                if (e.getStatusCode() == PRECONDITION_FAILED || e.getStatusCode() == NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    static <T> T call(Dependency dependency, Supplier<T> operation) {
        return AzureFailures.call(dependency, operation);
    }
}
