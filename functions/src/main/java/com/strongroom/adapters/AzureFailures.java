package com.strongroom.adapters;

import com.azure.core.exception.AzureException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns a failure of an Azure service the caller cannot act on into one core failure naming the dependency. Cosmos
 * DB, Storage and Key Vault exceptions all extend {@link AzureException}; a connection or time-out failure may reach
 * us wrapped (the SDKs' reactive core rethrows checked exceptions inside a runtime one), so the cause chain counts.
 */
public final class AzureFailures {
    private AzureFailures() {
    }

    public static <T> T call(Dependency dependency, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            if (fromAzure(e)) {
                throw new DependencyUnavailableException(dependency, e);
            }
            throw e;
        }
    }

    /** True when {@code e} is, or was caused by, an Azure SDK failure or an I/O or time-out failure under it. */
    public static boolean fromAzure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AzureException || t instanceof IOException || t instanceof java.io.UncheckedIOException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
