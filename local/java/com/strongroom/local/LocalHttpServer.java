package com.strongroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.TenantId;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dev only: serves every {@code @HttpTrigger} method on loopback under the route prefix, with the Java worker's
 * limits (a request body over 100 MB is refused before it is read), plus the dev issuer: {@code POST /dev/token},
 * its metadata and keys under {@code /dev/organizations/v2.0/.well-known/openid-configuration} and
 * {@code /dev/discovery/v2.0/keys}, and {@code POST /dev/directory} (a directory entry of another stamp).
 */
final class LocalHttpServer implements AutoCloseable {
    private static final int WRITE_CHUNK_BYTES = 256 * 1024;
    static final long MAX_REQUEST_BYTES = 100L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(LocalHttpServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Route(FunctionCatalog.HttpFunction function, RouteTemplate template, List<String> methods) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes = new ArrayList<>();
    private final String prefix;
    private final FunctionInvoker invoker;
    private final InFlightBytes inFlight;
    private final DevIssuer devIssuer;
    private final LocalDirectory directory;

    /**
     * @param inFlight the app's bound on bytes held in memory: unlike the real host, a separate process that takes a
     *                 response from the worker at once, this host writes it from the worker's own heap, so it holds
     *                 the response's bytes in the same bound until they are written
     */
    LocalHttpServer(int port, HostConfig host, FunctionCatalog catalog, FunctionInvoker invoker, DevIssuer devIssuer,
                    LocalDirectory directory, InFlightBytes inFlight) throws IOException {
        this.prefix = "/" + host.routePrefix().replaceAll("^/+|/+$", "");
        this.invoker = invoker;
        this.inFlight = inFlight;
        this.devIssuer = devIssuer;
        this.directory = directory;
        for (FunctionCatalog.HttpFunction f : catalog.http()) {
            List<String> methods = Arrays.stream(f.trigger().methods()).map(Enum::name).toList();
            routes.add(new Route(f, new RouteTemplate(f.trigger().route().isEmpty() ? f.name() : f.trigger().route()),
                    methods));
        }
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if ("/dev/token".equals(path)) {
                devToken(exchange);
            } else if ("/dev/directory".equals(path)) {
                devDirectory(exchange);
            } else if ("/dev/organizations/v2.0/.well-known/openid-configuration".equals(path)) {
                devDocument(exchange, devIssuer.metadataJson());
            } else if ("/dev/discovery/v2.0/keys".equals(path)) {
                devDocument(exchange, devIssuer.publicKeySetJson());
            } else if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                dispatch(exchange, path.substring(prefix.length()));
            } else {
                problem(exchange, 404, "not-found", "No such route", "no function serves " + path);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "local host failed on a request: " + e.getClass().getName());
        }
    }

    private void dispatch(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean pathMatched = false;
        for (Route route : routes) {
            Optional<Map<String, String>> values = route.template().match(decodePath(path));
            if (values.isEmpty()) {
                continue;
            }
            pathMatched = true;
            if (route.methods().contains(method)) {
                invoke(exchange, route, values.get());
                return;
            }
        }
        if (pathMatched) {
            problem(exchange, 405, "method-not-allowed", "Method not allowed", method + " is not allowed here");
        } else {
            problem(exchange, 404, "not-found", "No such route", "no function serves " + prefix + path);
        }
    }

    private void invoke(HttpExchange exchange, Route route, Map<String, String> routeValues) throws IOException {
        long declared = declaredLength(exchange.getRequestHeaders().getFirst("Content-Length"));
        if (declared > MAX_REQUEST_BYTES) {
            problem(exchange, 413, "payload-too-large", "Request body too large",
                    "a request body is at most " + MAX_REQUEST_BYTES + " bytes");
            return;
        }
        byte[] raw = readBody(exchange.getRequestBody(), declared);
        if (raw == null) {
            problem(exchange, 413, "payload-too-large", "Request body too large",
                    "a request body is at most " + MAX_REQUEST_BYTES + " bytes");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(HostBinding.headers(exchange.getRequestHeaders()));
        // As the platform's front end does (and Front Door, which appends to a header the client sent): the address
        // it saw, with its port, after whatever the client put there.
        String seen = remote(exchange);
        headers.merge("x-forwarded-for", seen, (sent, own) -> sent + ", " + own);
        URI uri = URI.create("http://127.0.0.1:" + port() + exchange.getRequestURI().toString());
        try {
            Object body = HostBinding.workerBody(bodyType(route.function().parameter().getParameterizedType()),
                    HostBinding.hostBody(Optional.ofNullable(headers.get("content-type")), declared, raw));
            LocalHttpRequest<Object> request = new LocalHttpRequest<>(uri,
                    HttpMethod.value(exchange.getRequestMethod().toUpperCase(Locale.ROOT)), headers,
                    HostBinding.query(exchange.getRequestURI().getRawQuery()), body);
            Object result = invoker.invoke(route.function().type(), route.function().method(), request,
                    Map.copyOf(routeValues), new LocalExecutionContext(route.function().name()));
            write(exchange, (HttpResponseMessage) result);
        } catch (Exception e) {
            // In Azure a failed invocation (a binding the worker cannot make, or an exception the function lets
            // escape) is answered 500 with no body.
            LOG.log(Level.SEVERE, "function " + route.function().name() + " failed: " + e.getClass().getName());
            exchange.sendResponseHeaders(500, -1);
        }
    }

    /**
     * {@code {"sub", "tenant"?, "tid"?, "roles", "app"?, "guest"?, "mfa"?, "ttlSeconds"?}}: a customer token for the
     * Entra tenant registered on the Strongroom tenant {@code tenant} (or for the Entra tenant {@code tid}), else a
     * staff token of the vendor's tenant, with the staff authentication context unless {@code "mfa": false}. The
     * answer names the token's {@code tid} and {@code oid} (a consent grant names its engineer by {@code oid}).
     */
    private void devToken(HttpExchange exchange) throws IOException {
        Optional<JsonNode> request = devRequest(exchange);
        if (request.isEmpty()) {
            return;
        }
        JsonNode r = request.get();
        if (!r.path("sub").isTextual() || r.path("sub").asText().isBlank()
                || (r.has("roles") && !r.get("roles").isArray())) {
            problem(exchange, 400, "invalid-request", "The request is malformed",
                    "send {\"sub\": \"...\", \"tenant\": \"...\", \"roles\": [\"...\"]}");
            return;
        }
        List<String> roles = new ArrayList<>();
        r.path("roles").forEach(role -> roles.add(role.asText()));
        Duration ttl = Duration.ofSeconds(r.path("ttlSeconds").asLong(3600));
        DevIssuer.Identity who;
        try {
            Optional<EntraTenantId> entraTenant = r.hasNonNull("tid") ? Optional.of(EntraTenantId.of(r.get("tid").asText()))
                    : r.hasNonNull("tenant") ? Optional.of(directory.entraTenantOf(TenantId.of(r.get("tenant").asText()))
                    .orElseThrow(() -> new InvalidInputException("tenant", "is not a tenant of this stamp with an "
                            + "Entra tenant")))
                    : Optional.empty();
            boolean staff = entraTenant.isEmpty();
            who = new DevIssuer.Identity(entraTenant.orElse(devIssuer.vendorTenant()), r.get("sub").asText(),
                    r.path("app").asBoolean(false), r.path("guest").asBoolean(false),
                    staff && r.path("mfa").asBoolean(true) ? List.of(devIssuer.staffAuthContext()) : List.of());
        } catch (InvalidInputException e) {
            problem(exchange, 400, "invalid-request", "The request is malformed", e.field() + " " + e.getMessage());
            return;
        }
        String token = devIssuer.mint(who, roles, ttl);
        devDocument(exchange, JSON.writeValueAsString(Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", ttl.toSeconds(), "tid", who.tenant().value(), "oid", who.objectId())));
    }

    /** {@code {"entraTenantId", "tenant", "region"}}: the directory says that Entra tenant lives in another stamp. */
    private void devDirectory(HttpExchange exchange) throws IOException {
        Optional<JsonNode> request = devRequest(exchange);
        if (request.isEmpty()) {
            return;
        }
        JsonNode r = request.get();
        try {
            Region region = Region.fromAzureName(r.path("region").asText())
                    .orElseThrow(() -> new InvalidInputException("region", "is not a Strongroom region"));
            directory.registerElsewhere(new DirectoryEntry(EntraTenantId.of(r.path("entraTenantId").asText()),
                    TenantId.of(r.path("tenant").asText()), region));
        } catch (InvalidInputException e) {
            problem(exchange, 400, "invalid-request", "The request is malformed", e.field() + " " + e.getMessage());
            return;
        } catch (ConflictException e) {
            problem(exchange, 409, "conflict", "Already registered", e.getMessage());
            return;
        }
        exchange.sendResponseHeaders(204, -1);
    }

    /** The JSON body of a POST from a loopback caller, or empty once a refusal has been sent. */
    private Optional<JsonNode> devRequest(HttpExchange exchange) throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            problem(exchange, 405, "method-not-allowed", "Method not allowed", "use POST");
            return Optional.empty();
        }
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            problem(exchange, 403, "forbidden", "Forbidden", "dev routes answer loopback callers only");
            return Optional.empty();
        }
        try {
            byte[] body = readBody(exchange.getRequestBody(),
                    declaredLength(exchange.getRequestHeaders().getFirst("Content-Length")));
            JsonNode json = JSON.readTree(body == null ? new byte[0] : body);
            if (json != null && json.isObject()) {
                return Optional.of(json);
            }
        } catch (IOException e) {
            // answered below
        }
        problem(exchange, 400, "invalid-request", "The request is malformed", "send a JSON object");
        return Optional.empty();
    }

    private static void devDocument(HttpExchange exchange, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static String remote(HttpExchange exchange) {
        InetSocketAddress peer = exchange.getRemoteAddress();
        String address = peer.getAddress().getHostAddress();
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + peer.getPort();
    }

    private void write(HttpExchange exchange, HttpResponseMessage response) throws IOException {
        Object body = response.getBody();
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof byte[] b) {
            bytes = b;
        } else if (body instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = JSON.writeValueAsBytes(body);
        }
        if (response instanceof LocalHttpRequest.Response local) {
            local.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        int status = response.getStatusCode();
        boolean noBody = status == 204 || status == 304 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        // The Functions host sends a function's response without Content-Length (chunked).
        exchange.sendResponseHeaders(status, noBody ? -1 : 0);
        if (!noBody) {
            // The JDK server copies each write into a buffer of its size: small writes keep that copy small.
            try (InFlightBytes.Lease lease = inFlight.lease(); OutputStream os = exchange.getResponseBody()) {
                lease.holdAnyway(bytes.length);
                for (int offset = 0; offset < bytes.length; offset += WRITE_CHUNK_BYTES) {
                    os.write(bytes, offset, Math.min(WRITE_CHUNK_BYTES, bytes.length - offset));
                }
            }
        }
    }

    private static void problem(HttpExchange exchange, int status, String slug, String title, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:strongroom:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", exchange.getRequestURI().getPath());
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    /**
     * Reads at most {@link #MAX_REQUEST_BYTES}; {@code null} when the body is longer. A declared length is read
     * straight into one array of that size; a chunked body is read (the host drains it too) but never bound.
     */
    private static byte[] readBody(InputStream in, long declaredLength) throws IOException {
        if (declaredLength >= 0) {
            byte[] body = new byte[(int) declaredLength];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        byte[] body = in.readNBytes((int) MAX_REQUEST_BYTES + 1);
        return body.length > MAX_REQUEST_BYTES ? null : body;
    }

    /** The {@code T} of {@code HttpRequestMessage<T>}. */
    private static Type bodyType(Type requestType) {
        return requestType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static long declaredLength(String header) {
        return header == null ? -1 : parseLong(header);
    }

    private static String decodePath(String rawPath) {
        return Arrays.stream(rawPath.split("/", -1))
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "/" + b).orElse("");
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
