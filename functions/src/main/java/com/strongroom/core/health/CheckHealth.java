package com.strongroom.core.health;

import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.port.DependencyProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes every dependency at once, each within a time limit, and reports which ones answer. The route is anonymous,
 * so a report is reused for {@code maxAge} and only one round of probes runs at a time: a flood of health checks
 * costs the dependencies (Key Vault above all, whose throttling would also hit unwraps and signing) one round per
 * {@code maxAge}, not one per request.
 */
public final class CheckHealth {
    public record Report(Region region, String version, Map<String, String> checks) {
        public boolean healthy() {
            return checks.values().stream().allMatch(OK::equals);
        }
    }

    public static final String OK = "ok";

    private final Region region;
    private final String version;
    private final List<DependencyProbe> probes;
    private final Duration timeout;
    private final ExecutorService executor;
    private final Clock clock;
    private final Duration maxAge;
    private Report last;
    private Instant lastAt = Instant.MIN;

    public CheckHealth(Region region, String version, List<DependencyProbe> probes, Duration timeout,
                       ExecutorService executor, Clock clock, Duration maxAge) {
        this.region = region;
        this.version = version;
        this.probes = List.copyOf(probes);
        this.timeout = timeout;
        this.executor = executor;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * Whether a caller may see which dependency failed, the region and the version: staff with a role and MFA. Anyone
     * else (a load balancer's probe, a monitor) learns only up or down.
     */
    public static boolean showsDetails(Optional<Caller> caller) {
        return caller.filter(c -> c.isStaff() && c.stepUp() && !c.roles().isEmpty()).isPresent();
    }

    public synchronized Report handle() {
        if (last == null || !clock.instant().isBefore(lastAt.plus(maxAge))) {
            last = probeAll();
            lastAt = clock.instant();
        }
        return last;
    }

    private Report probeAll() {
        Map<String, CompletableFuture<String>> running = new LinkedHashMap<>();
        for (DependencyProbe probe : probes) {
            running.put(probe.name(), CompletableFuture.supplyAsync(() -> {
                probe.probe();
                return OK;
            }, executor));
        }
        Map<String, String> checks = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        running.forEach((name, future) -> checks.put(name, outcome(future, deadline)));
        return new Report(region, version, checks);
    }

    private static String outcome(CompletableFuture<String> future, long deadlineNanos) {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return "timeout";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "unavailable";
        }
    }
}
