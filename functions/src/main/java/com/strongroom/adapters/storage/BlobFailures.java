package com.strongroom.adapters.storage;

import com.azure.storage.blob.models.BlobStorageException;
import com.strongroom.core.error.DependencyUnavailableException;
import java.util.function.Supplier;

/** Turns Blob storage failures the caller cannot act on into one core failure naming the dependency. */
final class BlobFailures {
    private BlobFailures() {
    }

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (BlobStorageException e) {
            throw new DependencyUnavailableException("blob", e);
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("com.azure") || e.getClass().getName().startsWith("reactor")) {
                throw new DependencyUnavailableException("blob", e);
            }
            throw e;
        }
    }
}
