package com.strongroom.it;

import com.strongroom.local.Emulators;
import com.strongroom.local.FunctionCatalog;
import com.strongroom.local.HostConfig;
import com.strongroom.local.LocalHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The emulators and one local host, started once per test JVM on free loopback ports and stopped when it exits.
 * Tests that need a stack of their own (a stopped emulator, other settings) start one with {@link #startOwn}.
 */
public final class TestStack {
    public static final String STAMP = "westeurope";
    public static final Path PROJECT = Path.of("").toAbsolutePath();

    private static TestStack shared;

    private final Optional<Path> dataDir;
    private final LocalHost host;
    private final Map<String, String> values;
    private volatile Emulators emulators;

    private TestStack(Emulators emulators, Optional<Path> dataDir, LocalHost host, Map<String, String> values) {
        this.emulators = emulators;
        this.dataDir = dataDir;
        this.host = host;
        this.values = values;
    }

    public static synchronized TestStack shared() {
        if (shared == null) {
            shared = startOwn(Map.of(), List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A stack of its own, with extra settings and extra function classes; the caller closes it. */
    public static TestStack startOwn(Map<String, String> overrides, List<Class<?>> extraFunctions) {
        return start(Optional.empty(), overrides, extraFunctions);
    }

    /** A stack of its own whose emulators keep their data in a folder, so they can be stopped and started again. */
    public static TestStack startOwnDurable(Path dataDir) {
        return start(Optional.of(dataDir), Map.of(), List.of());
    }

    private static TestStack start(Optional<Path> dataDir, Map<String, String> overrides, List<Class<?>> extraFunctions) {
        Emulators emulators = Emulators.start(PROJECT, Emulators.Ports.ANY, dataDir.map(d -> d.resolve("azurite")));
        Map<String, String> values = settingsFor(emulators);
        values.putAll(overrides);
        List<Class<?>> functions = new ArrayList<>(FunctionCatalog.appFunctionClasses());
        functions.addAll(extraFunctions);
        HostConfig host = HostConfig.read(PROJECT.resolve("host.json")).withVisibilityTimeout(Duration.ZERO);
        return new TestStack(emulators, dataDir, LocalHost.start(values, 0, host, functions), values);
    }

    public static Map<String, String> settingsFor(Emulators emulators) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("STRONGROOM_MODE", "local");
        values.put("STAMP_REGION", STAMP);
        values.put("STORAGE", emulators.storageConnectionString());
        values.put("COSMOS_ENDPOINT", emulators.cosmosEndpoint());
        values.put("COSMOS_KEY", Emulators.COSMOS_KEY);
        values.put("LOCAL_KEYS_DIR", tempDir().toString());
        // The queue trigger names its queue by this setting; the host refuses to start a binding without it.
        values.put("ERASURE_QUEUE", "erasure-jobs");
        values.put("NOTIFICATIONS_QUEUE", "notifications");
        values.put("TENANT_JOBS_QUEUE", "tenant-jobs");
        values.put("LOCAL_OUTBOX_DIR", tempDir().resolve("outbox").toString());
        return values;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("strongroom-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the app answers its health check with 200, as it does once every dependency is back. */
    public void awaitHealthy(Duration within) throws InterruptedException {
        ApiClient api = api();
        Instant deadline = Instant.now().plus(within);
        while (api.get("/api/health", null).status() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the app did not recover within " + within + " after the emulators came back");
            }
            Thread.sleep(500);
        }
    }

    /** Starts the stopped emulators of a durable stack again, on the same ports and with the same data. */
    public void restartEmulators() {
        emulators.close();
        emulators = Emulators.start(PROJECT, emulators.ports(), Optional.of(dataDir.orElseThrow().resolve("azurite")));
    }

    /** Stops the emulators of a durable stack, copies all their data to {@code to}, and starts them again. */
    public void snapshotEmulators(Path to) throws IOException {
        emulators.close();
        copy(dataDir.orElseThrow(), to);
        emulators = Emulators.start(PROJECT, emulators.ports(), Optional.of(dataDir.orElseThrow().resolve("azurite")));
    }

    /**
     * Stops the emulators, puts the data of {@code snapshot} back in place of theirs, as a point-in-time restore of
     * every account in them would, and starts them again. The local key files are not part of it.
     */
    public void restoreEmulators(Path snapshot) throws IOException {
        emulators.close();
        Path data = dataDir.orElseThrow();
        try (Stream<Path> old = Files.walk(data)) {
            old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(data)).forEach(p -> p.toFile().delete());
        }
        copy(snapshot, data);
        emulators = Emulators.start(PROJECT, emulators.ports(), Optional.of(data.resolve("azurite")));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public LocalHost host() {
        return host;
    }

    public Emulators emulators() {
        return emulators;
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public ApiClient api() {
        return new ApiClient(host.baseUri(), host.devIssuer(), host.directory());
    }

    public void close() {
        host.close();
        emulators.close();
    }
}
