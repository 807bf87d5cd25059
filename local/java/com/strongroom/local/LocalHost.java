package com.strongroom.local;

import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.app.Strongroom;
import com.strongroom.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dev only: the local stand-in for the Functions host. Serves the app's HTTP functions on loopback and runs its
 * queue functions from the storage emulator, with settings from {@code local.settings.json}. Never part of the
 * deployment package (it is compiled with the tests).
 */
public final class LocalHost implements AutoCloseable {
    private static final Pattern SETTING_REFERENCE = Pattern.compile("^%([A-Za-z0-9_]+)%$");

    private final Strongroom app;
    private final DevIssuer devIssuer;
    private final LocalDirectory directory;
    private final LocalHttpServer http;
    private final QueueRunner queues;

    private LocalHost(Strongroom app, DevIssuer devIssuer, LocalDirectory directory, LocalHttpServer http,
                      QueueRunner queues) {
        this.app = app;
        this.devIssuer = devIssuer;
        this.directory = directory;
        this.http = http;
        this.queues = queues;
    }

    /**
     * Starts serving {@code functionClasses} with the given app settings. Provisions the emulator resources and
     * creates the dev issuer's key first, so the app finds everything it expects.
     */
    public static LocalHost start(Map<String, String> values, int port, HostConfig host,
                                  List<Class<?>> functionClasses) {
        Settings settings = Settings.from(values);
        LocalProvisioner.provision(settings);
        DevIssuer issuer = DevIssuer.open(settings);
        Strongroom app = Strongroom.start(settings);
        FunctionCatalog catalog = new FunctionCatalog(functionClasses);
        FunctionInvoker invoker = new FunctionInvoker(app);
        QueueServiceClient queueService = new QueueServiceClientBuilder()
                .connectionString(settings.storageConnectionString().orElseThrow()).buildClient();
        UnaryOperator<String> resolver = name -> resolve(name, values);
        catalog.queue().forEach(q -> LocalProvisioner.createQueue(queueService, resolver.apply(q.trigger().queueName())));
        LocalDirectory directory = new LocalDirectory(settings);
        try {
            LocalHttpServer server = new LocalHttpServer(port, host, catalog, invoker, issuer, directory,
                    app.inFlight());
            issuer.publish(URI.create("http://127.0.0.1:" + server.port()));
            return new LocalHost(app, issuer, directory, server,
                    new QueueRunner(catalog, invoker, queueService, host, resolver));
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Resolves a {@code %SETTING%} binding expression as the Functions host does. */
    static String resolve(String expression, Map<String, String> values) {
        Matcher m = SETTING_REFERENCE.matcher(expression);
        if (!m.matches()) {
            return expression;
        }
        String value = values.get(m.group(1));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("binding expression " + expression + " names a missing setting");
        }
        return value;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.port());
    }

    public DevIssuer devIssuer() {
        return devIssuer;
    }

    public Strongroom app() {
        return app;
    }

    public LocalDirectory directory() {
        return directory;
    }

    @Override
    public void close() {
        queues.close();
        http.close();
        directory.close();
    }

    /** Reads {@code Values} of a local.settings.json file. */
    static Map<String, String> readValues(Path file) {
        try {
            JsonNode values = new ObjectMapper().readTree(file.toFile()).path("Values");
            Map<String, String> map = new LinkedHashMap<>();
            values.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * {@code scripts/run-local}: settings from local.settings.json (made from the sample on first run), the
     * emulators on the ports those settings name, data under {@code .local/}, and the app on 127.0.0.1:7071.
     */
    public static void main(String[] args) throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path settingsFile = project.resolve("local.settings.json");
        if (!Files.exists(settingsFile)) {
            Files.copy(project.resolve("local.settings.sample.json"), settingsFile);
            System.out.println("Created local.settings.json from local.settings.sample.json");
        }
        Map<String, String> values = new LinkedHashMap<>(readValues(settingsFile));
        int port = Integer.parseInt(System.getProperty("strongroom.port", "7071"));
        boolean startEmulators = !List.of(args).contains("--no-emulators");
        Emulators emulators = null;
        if (startEmulators) {
            emulators = Emulators.start(project, new Emulators.Ports(
                    portOf(values.get("STORAGE"), "BlobEndpoint", 10000),
                    portOf(values.get("STORAGE"), "QueueEndpoint", 10001),
                    URI.create(values.getOrDefault("COSMOS_ENDPOINT", "https://127.0.0.1:8081/")).getPort()),
                    Optional.of(project.resolve(".local").resolve("azurite")));
        }
        values.computeIfPresent("LOCAL_KEYS_DIR", (k, v) -> project.resolve(v).normalize().toString());
        HostConfig host = HostConfig.read(project.resolve("host.json"));
        LocalHost localHost = start(values, port, host, FunctionCatalog.appFunctionClasses());
        CountDownLatch stopped = new CountDownLatch(1);
        Emulators started = emulators;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            localHost.close();
            if (started != null) {
                started.close();
            }
            System.out.println("Strongroom local host stopped.");
            stopped.countDown();
        }));
        System.out.println("Strongroom (local mode, stamp " + values.get("STAMP_REGION") + ") listens on "
                + localHost.baseUri() + "/api");
        System.out.println("  health:     GET  " + localHost.baseUri() + "/api/health");
        System.out.println("  dev tokens: POST " + localHost.baseUri() + "/dev/token  {\"sub\",\"tenant\",\"roles\"}");
        if (started != null) {
            System.out.println("  emulators:  Azurite " + values.get("STORAGE").replaceAll("AccountKey=[^;]*;", "")
                    + " | Cosmos DB stand-in " + started.cosmosEndpoint());
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static int portOf(String connectionString, String key, int fallback) {
        Matcher m = Pattern.compile(key + "=([^;]+)").matcher(connectionString == null ? "" : connectionString);
        return m.find() ? URI.create(m.group(1)).getPort() : fallback;
    }
}
