package com.strongroom.functions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.Dependency;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The stamp's alert rules search the logs for exactly what the app writes, so a reworded log cannot silence one. */
class AlertQueriesTest {
    private static final Path ALERTS = Path.of("infra", "modules", "alerts.bicep");

    @Test
    void theIntegrityAlertMatchesTheIntegrityFailureLog() throws IOException {
        assertTrue(Files.readString(ALERTS).contains("Message startswith \"" + HttpExchange.INTEGRITY_FAILURE_LOG + "\""));
    }

    @Test
    void theAuditOutageAlertMatchesTheDependencyLogOfTheAuditStore() throws IOException {
        String logged = HttpExchange.DEPENDENCY_UNAVAILABLE_LOG + Dependency.AUDIT.label();
        assertTrue(Files.readString(ALERTS).contains("Message startswith \"" + logged + "\""), logged);
    }
}
