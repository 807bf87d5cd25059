package com.strongroom.adapters.storage;

import com.strongroom.core.error.DependencyUnavailableException;
import java.util.function.Supplier;

/** Turns Storage (blob or queue) failures the caller cannot act on into one core failure naming the dependency. */
final class StorageFailures {
    static final String BLOB = "blob";
    static final String QUEUE = "queue";

    private StorageFailures() {
    }

    /** Runs {@code operation}; any Azure SDK or reactor failure becomes {@code dependency} unavailable. */
    static <T> T call(String dependency, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("com.azure") || e.getClass().getName().startsWith("reactor")) {
                throw new DependencyUnavailableException(dependency, e);
            }
            throw e;
        }
    }
}
