package com.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Checks a response against {@code docs/openapi.json}: the route and method must be documented, the status must be
 * one of the operation's responses, the media type one that response declares (none when it declares no content),
 * and a JSON body must match the declared schema. Schemas are validated by networknt's json-schema-validator in its
 * OpenAPI 3.1 dialect, reading the document itself, so {@code $ref}s resolve as any OpenAPI tool resolves them.
 */
final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT_URI = "urn:strongroom:openapi";
    private static final Path DOCUMENT = Path.of("docs/openapi.json");
    private static volatile OpenApiContract loaded;
    private static final AtomicLong CHECKED = new AtomicLong();

    private record Route(String template, Pattern pattern, int parameters) {
    }

    private final JsonNode root;
    private final String basePath;
    private final List<Route> routes = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String document) throws IOException {
        this.root = JSON.readTree(document);
        this.basePath = root.path("servers").path(0).path("url").asText("");
        root.get("paths").fieldNames().forEachRemaining(template -> {
            String regex = Pattern.quote(template).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            routes.add(new Route(template, Pattern.compile(regex),
                    (int) template.chars().filter(c -> c == '{').count()));
        });
        routes.sort(Comparator.comparingInt(Route::parameters));
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_URI, document)));
    }

    static OpenApiContract document() {
        if (loaded == null) {
            synchronized (OpenApiContract.class) {
                if (loaded == null) {
                    try {
                        loaded = new OpenApiContract(Files.readString(TestStack.PROJECT.resolve(DOCUMENT)));
                        Runtime.getRuntime().addShutdownHook(new Thread(OpenApiContract::report));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return loaded;
    }

    /** How many responses this run checked, for the figures in docs/testing.md. */
    private static void report() {
        try {
            Path report = TestStack.PROJECT.resolve("target/openapi-contract.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, CHECKED.get() + " responses checked against " + DOCUMENT + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("OpenApiContract: " + CHECKED.get() + " responses checked");
        }
    }

    /**
     * What the document does not describe about this response; empty when it describes all of it. Requests outside
     * the API (the local host's {@code /dev} routes) are not the document's and are not checked.
     */
    List<String> violations(String method, String rawPath, int status, String contentType, byte[] body) {
        String path = rawPath.split("\\?", 2)[0];
        if (!path.startsWith(basePath + "/")) {
            return List.of();
        }
        CHECKED.incrementAndGet();
        String apiPath = path.substring(basePath.length());
        Optional<Route> route = routes.stream().filter(r -> r.pattern().matcher(apiPath).matches()).findFirst();
        String where = method + " " + path + " -> " + status;
        if (route.isEmpty()) {
            return List.of(where + ": no path of the document matches");
        }
        String pointer = "/paths/" + escape(route.get().template()) + "/" + method.toLowerCase(Locale.ROOT);
        JsonNode operation = root.at(pointer);
        if (operation.isMissingNode()) {
            return List.of(where + ": " + route.get().template() + " documents no " + method);
        }
        JsonNode responses = operation.path("responses");
        String key = responses.has(String.valueOf(status)) ? String.valueOf(status)
                : responses.has(status / 100 + "XX") ? status / 100 + "XX" : responses.has("default") ? "default" : null;
        if (key == null) {
            return List.of(where + ": " + operation.path("operationId").asText() + " documents no " + status);
        }
        pointer = pointer + "/responses/" + key;
        JsonNode response = root.at(pointer);
        while (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = root.at(pointer);
        }
        JsonNode content = response.path("content");
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (status == 500 && body.length == 0 && media.isEmpty()) {
            // The worker's own answer to a body it cannot bind, on every operation (WorkerBindingFailure).
            return List.of();
        }
        if (content.isMissingNode() || content.isEmpty()) {
            return body.length == 0 ? List.of() : List.of(where + ": a body (" + media + ") where none is documented");
        }
        Optional<String> declared = declaredMediaType(content, media);
        if (declared.isEmpty()) {
            return List.of(where + ": media type '" + media + "' is not among " + fieldNames(content));
        }
        JsonNode schema = content.get(declared.get()).path("schema");
        if (schema.isMissingNode() || !(media.endsWith("/json") || media.endsWith("+json"))) {
            return List.of();
        }
        String schemaPointer = pointer + "/content/" + escape(declared.get()) + "/schema";
        List<String> found = new ArrayList<>();
        schemas.computeIfAbsent(schemaPointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + p)))
                .validate(new String(body, StandardCharsets.UTF_8), InputFormat.JSON)
                .forEach(error -> found.add(where + ": " + error));
        return found;
    }

    private static Optional<String> declaredMediaType(JsonNode content, String media) {
        if (content.has(media)) {
            return Optional.of(media);
        }
        String family = media.split("/", 2)[0] + "/*";
        return content.has(family) ? Optional.of(family) : content.has("*/*") ? Optional.of("*/*") : Optional.empty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** A JSON pointer token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
