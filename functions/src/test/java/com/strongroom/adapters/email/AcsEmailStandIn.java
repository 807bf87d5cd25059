package com.strongroom.adapters.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.testing.LoopbackHttps;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wire-level stand-in of the Azure Communication Services Email REST API (2023-03-31) for tests, over HTTPS on
 * loopback: {@code POST /emails:send} answers 202 with {@code Operation-Location} and the operation's id (the
 * client's {@code Operation-Id} header when it sends one), {@code GET /emails/operations/{id}} answers the
 * operation's status ({@code Running}, then {@code Succeeded}) or 404 for an id it never accepted. Requests without a
 * bearer token get 401; the next requests can be told to fail (429 with {@code Retry-After}, or 5xx). It keeps every
 * email it accepted.
 */
public final class AcsEmailStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OPERATION = Pattern.compile("^/emails/operations/([0-9a-fA-F-]{36})$");

    /** An email the service accepted: its operation id and the request body. */
    public record Accepted(String operationId, JsonNode body) {
    }

    private final LoopbackHttps https;
    private final List<Accepted> accepted = new ArrayList<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Deque<Integer> injected = new ArrayDeque<>();
    private volatile String retryAfterSeconds = "1";

    public AcsEmailStandIn(Path workDir) {
        https = LoopbackHttps.start(workDir, "acs", this::serve);
    }

    public String endpoint() {
        return https.url();
    }

    public LoopbackHttps https() {
        return https;
    }

    public synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** How many requests of a kind ({@code send}, {@code status}, {@code unauthenticated}) reached the stand-in. */
    public int calls(String kind) {
        return calls.getOrDefault(kind, new AtomicInteger()).get();
    }

    /** The next {@code times} authenticated requests are answered with {@code status}. */
    public synchronized void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            injected.add(status);
        }
    }

    public void retryAfter(String seconds) {
        retryAfterSeconds = seconds;
    }

    private synchronized Integer nextFailure() {
        return injected.poll();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 10) {
                count("unauthenticated");
                respond(exchange, 401, error("Unauthorized", "no bearer token"));
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            if (query == null || !query.contains("api-version=")) {
                respond(exchange, 400, error("MissingApiVersionParameter", "api-version is required"));
                return;
            }
            Integer failure = nextFailure();
            if (failure != null) {
                count("injected-" + failure);
                if (failure == 429) {
                    exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds);
                }
                respond(exchange, failure, error(failure == 429 ? "TooManyRequests" : "ServiceUnavailable", "injected"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher m;
            if (exchange.getRequestMethod().equals("POST") && path.equals("/emails:send")) {
                send(exchange, body);
            } else if (exchange.getRequestMethod().equals("GET") && (m = OPERATION.matcher(path)).matches()) {
                status(exchange, m.group(1).toLowerCase(java.util.Locale.ROOT));
            } else {
                respond(exchange, 404, error("NotFound", "no such route"));
            }
        }
    }

    private void send(HttpExchange exchange, byte[] body) throws IOException {
        count("send");
        JsonNode request = JSON.readTree(body);
        if (!request.path("senderAddress").isTextual() || !request.path("recipients").path("to").isArray()
                || !request.path("content").path("subject").isTextual()) {
            respond(exchange, 400, error("BadRequest", "senderAddress, recipients.to and content.subject are required"));
            return;
        }
        String given = exchange.getRequestHeaders().getFirst("Operation-Id");
        String id = given == null ? UUID.randomUUID().toString() : given.toLowerCase(java.util.Locale.ROOT);
        synchronized (this) {
            if (accepted.stream().noneMatch(a -> a.operationId().equals(id))) {
                accepted.add(new Accepted(id, request));
            }
        }
        exchange.getResponseHeaders().set("Operation-Location", endpoint() + "/emails/operations/" + id
                + "?api-version=2023-03-31");
        exchange.getResponseHeaders().set("Retry-After", "0");
        respond(exchange, 202, JSON.createObjectNode().put("id", id).put("status", "Running"));
    }

    private void status(HttpExchange exchange, String id) throws IOException {
        count("status");
        boolean known;
        synchronized (this) {
            known = accepted.stream().anyMatch(a -> a.operationId().equals(id));
        }
        if (!known) {
            respond(exchange, 404, error("NotFound", "no operation " + id));
            return;
        }
        int poll = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        respond(exchange, 200, JSON.createObjectNode().put("id", id).put("status", poll == 1 ? "Running" : "Succeeded"));
    }

    private void count(String kind) {
        calls.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        https.close();
    }
}
