package com.strongroom.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.exception.HttpResponseException;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Azure SDK failures, even wrapped, become the named dependency's outage; the core's own failures pass through. */
class AzureFailuresTest {
    @Test
    void anAzureExceptionIsTheDependencysOutage() {
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> AzureFailures.call(Dependency.BLOB, () -> {
                    throw new HttpResponseException("503", null);
                }));
        assertEquals(Dependency.BLOB, e.dependency());
    }

    @Test
    void ioAndTimeoutFailuresWrappedInARuntimeExceptionCountToo() {
        assertThrows(DependencyUnavailableException.class, () -> AzureFailures.call(Dependency.COSMOS, () -> {
            throw new IllegalStateException(new IOException("connection reset"));
        }));
        assertThrows(DependencyUnavailableException.class, () -> AzureFailures.call(Dependency.QUEUE, () -> {
            throw new RuntimeException(new TimeoutException("no answer"));
        }));
    }

    @Test
    void otherFailuresAreNotMistakenForAnOutage() {
        ConflictException conflict = new ConflictException("taken");
        assertSame(conflict, assertThrows(ConflictException.class, () -> AzureFailures.call(Dependency.COSMOS, () -> {
            throw conflict;
        })));
        assertThrows(IllegalArgumentException.class, () -> AzureFailures.call(Dependency.COSMOS, () -> {
            throw new IllegalArgumentException("a bug");
        }));
    }
}
