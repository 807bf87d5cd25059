package com.strongroom.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.Region;
import com.strongroom.core.port.DependencyProbe;
import com.strongroom.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The anonymous health route costs the dependencies one round of probes per few seconds, however often it is hit. */
class CheckHealthTest {
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    final TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
    final AtomicInteger keyVaultCalls = new AtomicInteger();
    final AtomicBoolean keyVaultUp = new AtomicBoolean(true);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    CheckHealth health() {
        DependencyProbe keys = DependencyProbe.of(Dependency.KEYS, () -> {
            keyVaultCalls.incrementAndGet();
            if (!keyVaultUp.get()) {
                throw new IllegalStateException("throttled");
            }
        });
        return new CheckHealth(Region.WEST_EUROPE, "1", List.of(keys, DependencyProbe.of(Dependency.COSMOS, () -> {
        })), Duration.ofSeconds(1), pool, clock, Duration.ofSeconds(5));
    }

    @Test
    void aFloodWithinTheReportsAgeProbesOnce() throws Exception {
        CheckHealth health = health();
        List<CompletableFuture<CheckHealth.Report>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(CompletableFuture.supplyAsync(health::handle));
        }
        for (CompletableFuture<CheckHealth.Report> call : calls) {
            assertTrue(call.get().healthy());
        }
        assertEquals(1, keyVaultCalls.get());
    }

    @Test
    void anOutageShowsOnceTheReportHasAged() {
        CheckHealth health = health();
        assertTrue(health.handle().healthy());
        keyVaultUp.set(false);
        clock.advance(Duration.ofSeconds(4));
        assertTrue(health.handle().healthy(), "still the same report");
        clock.advance(Duration.ofSeconds(1));
        CheckHealth.Report report = health.handle();
        assertFalse(report.healthy());
        assertEquals("unavailable", report.checks().get("keys"));
        assertEquals(2, keyVaultCalls.get());
    }
}
