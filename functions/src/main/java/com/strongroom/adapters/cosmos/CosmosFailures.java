package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosException;
import com.strongroom.core.error.DependencyUnavailableException;
import java.util.function.Supplier;

/** Turns Cosmos DB failures the caller cannot act on into one core failure naming the dependency. */
final class CosmosFailures {
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;

    private CosmosFailures() {
    }

    static <T> T call(String dependency, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CosmosException e) {
            throw new DependencyUnavailableException(dependency, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof CosmosException || e.getClass().getName().startsWith("com.azure")
                    || e.getClass().getName().startsWith("reactor")) {
                throw new DependencyUnavailableException(dependency, e);
            }
            throw e;
        }
    }
}
