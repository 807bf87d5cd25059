package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Property-based fuzzing of every operation of {@code docs/openapi.json} through the local host: path values, tokens,
 * bodies, media types and headers drawn from valid, malformed, huge and empty values. Every answer must be below 500,
 * an error must be problem+json, and every answer must be one the document describes ({@link ApiClient} checks each
 * against it). A refused request stores nothing: at the end, the fuzzed tenant holds exactly the assets and grants
 * that answers of 201 and 204 account for.
 */
class FuzzIT {
    static final int TRIES = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Operation(String method, String template, List<String> bodyTypes) {
    }

    record FuzzRequest(Operation operation, String path, String token, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return operation.method() + " " + path + " " + headers + " body " + body.length + " bytes: "
                    + new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        }
    }

    private static TestStack stack;
    private static ApiClient api;
    private static String tenant;
    private static String cancelTenant;
    private static String asset;
    private static String grant;
    private static String upload;
    private static String erasure;
    private static List<Operation> operations;
    private static List<String> tokens;
    private static int assetsBefore;
    private static int grantsBefore;
    private static final Map<String, LongAdder> ANSWERS = new ConcurrentHashMap<>();
    private static final AtomicLong TRIED = new AtomicLong();
    private static final LongAdder WORKER_REFUSALS = new LongAdder();

    @BeforeContainer
    static void start() throws IOException {
        stack = TestStack.shared();
        api = stack.api();
        tenant = api.createTenant("fuzz-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        cancelTenant = api.createTenant("fuzz-cancel-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        String manager = api.token("fuzz-manager", Optional.of(tenant), "Archive.Manager");
        String admin = api.token("fuzz-admin", Optional.of(tenant), "Tenant.Admin");
        asset = api.exchange("POST", "/api/tenants/" + tenant + "/assets", manager,
                Map.of("Content-Type", "application/octet-stream", "X-Asset-Name", "seed.txt"),
                "seed".getBytes(StandardCharsets.UTF_8)).json().get("id").asText();
        grant = api.postJson("/api/tenants/" + tenant + "/consent-grants", admin,
                "{\"grantee\":\"" + java.util.UUID.randomUUID() + "\",\"scope\":\"tenant\",\"permissions\":"
                        + "[\"metadata:read\"],\"purpose\":\"fuzz\",\"ticket\":\"F-1\",\"expiresAt\":\"default\"}")
                .json().get("id").asText();
        erasure = api.postJson("/api/tenants/" + tenant + "/erasure-requests", manager,
                "{\"subjects\":[\"nobody@example.com\"],\"reason\":\"fuzz\",\"receivedAt\":\""
                        + java.time.Instant.now().minusSeconds(3600) + "\"}").json().get("id").asText();
        upload = api.postJson("/api/tenants/" + tenant + "/uploads", manager,
                "{\"name\":\"u.bin\",\"size\":131072,\"partSize\":65536}").json().get("id").asText();
        String expired = api.send("POST", "/dev/token", null, "application/json",
                "{\"sub\":\"x\",\"roles\":[\"Platform.Admin\"],\"ttlSeconds\":-120}").json().get("access_token").asText();
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + manager.split("\\.")[1] + ".";
        tokens = new ArrayList<>(List.of(manager, admin, api.platformAdmin(),
                api.token("fuzz-reader", Optional.of(tenant), "Asset.Reader"),
                api.token("other-admin", Optional.of(api.createTenant("fuzz-other")), "Tenant.Admin"),
                expired, unsigned, "not-a-token", manager.substring(0, manager.length() - 3) + "abc", ""));
        tokens.add(null);
        operations = new ArrayList<>();
        JsonNode document = JSON.readTree(Files.readString(TestStack.PROJECT.resolve("docs/openapi.json")));
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            List<String> types = new ArrayList<>();
            op.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            operations.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), types));
        }));
        assetsBefore = count("/assets", "assets", manager);
        grantsBefore = count("/consent-grants", "grants", admin);
    }

    private static int count(String route, String member, String token) {
        int total = 0;
        String continuation = null;
        do {
            ApiClient.Response page = api.get("/api/tenants/" + tenant + route + "?pageSize=200"
                    + (continuation == null ? "" : "&continuation="
                    + URLEncoder.encode(continuation, StandardCharsets.UTF_8)), token);
            assertEquals(200, page.status(), page.text());
            total += page.json().get(member).size();
            JsonNode next = page.json().get("continuation");
            continuation = next == null || next.isNull() ? null : next.asText();
        } while (continuation != null);
        return total;
    }

    @AfterContainer
    static void refusedRequestsStoredNothing() throws IOException {
        String admin = api.token("fuzz-admin", Optional.of(tenant), "Tenant.Admin");
        String manager = api.token("fuzz-manager", Optional.of(tenant), "Archive.Manager");
        long uploaded = answered("POST /tenants/{tenantId}/assets 201")
                + answered("POST /tenants/{tenantId}/uploads/{uploadId}/complete 201");
        long deleted = answered("DELETE /tenants/{tenantId}/assets/{assetId} 204");
        assertEquals(assetsBefore + uploaded - deleted, count("/assets", "assets", manager),
                "only accepted requests changed the assets: " + ANSWERS);
        assertEquals(grantsBefore + answered("POST /tenants/{tenantId}/consent-grants 201"),
                count("/consent-grants", "grants", admin), "only accepted requests gave grants: " + ANSWERS);
        String report = TRIED.get() + " fuzzed requests over " + operations.size() + " operations ("
                + WORKER_REFUSALS.sum() + " bodies of the other kind refused by the worker); answers "
                + new java.util.TreeMap<>(ANSWERS.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().replaceAll(" .* ", " "), e -> e.getValue().sum(), Long::sum)));
        System.out.println("FuzzIT: " + report);
        Files.writeString(TestStack.PROJECT.resolve("target/fuzz-report.txt"), report + "\n");
    }

    private static long answered(String key) {
        LongAdder n = ANSWERS.get(key);
        return n == null ? 0 : n.sum();
    }

    @Property(tries = TRIES, seed = "20261130")
    void noOperationAnswers5xxOrAnUndocumentedError(@ForAll("requests") FuzzRequest request) {
        ApiClient.Response response = api.exchange(request.operation().method(), request.path(), request.token(),
                request.headers(), request.body().length == 0 && !request.headers().containsKey("Content-Type")
                        ? null : request.body());
        TRIED.incrementAndGet();
        ANSWERS.computeIfAbsent(request.operation().method() + " " + request.operation().template() + " "
                + response.status(), k -> new LongAdder()).increment();
        if (refusedByTheWorker(request, response)) {
            return;
        }
        assertTrue(response.status() < 500, request + " -> " + response.status() + " " + response.text());
        if (response.status() >= 400) {
            assertTrue(response.contentType().startsWith("application/problem+json"),
                    request + " -> " + response.status() + " " + response.contentType());
        }
    }

    /**
     * The one 5xx the platform gives before any function runs: a body the Java worker cannot bind, bytes
     * (application/octet-stream, multipart/*) to a route that takes text or text to one that takes bytes
     * (HostBindingTest; documented as every operation's 500).
     */
    private static boolean refusedByTheWorker(FuzzRequest request, ApiClient.Response response) {
        String type = request.headers().getOrDefault("Content-Type", "").toLowerCase(java.util.Locale.ROOT);
        boolean takesBytes = request.operation().bodyTypes().contains("application/octet-stream");
        boolean boundAsBytes = type.startsWith("application/octet-stream") || type.startsWith("multipart/");
        boolean refused = response.status() == 500 && response.bytes().length == 0;
        if (refused && takesBytes != boundAsBytes && request.body().length > 0) {
            WORKER_REFUSALS.increment();
            return true;
        }
        return false;
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        Arbitrary<Operation> operation = Arbitraries.of(operations);
        Arbitrary<String> token = Arbitraries.of(tokens);
        return Combinators.combine(operation, token, pathValues(), bodies(), headers())
                .as((op, t, values, body, headers) -> {
                    Map<String, String> all = new LinkedHashMap<>(headers);
                    if (body.contentType() != null) {
                        all.put("Content-Type", body.contentType());
                    }
                    return new FuzzRequest(op, "/api" + fill(op.template(), values), t, all, body.bytes());
                });
    }

    private static String fill(String template, List<String> values) {
        // A cancellation the fuzzer gets accepted would stop the tenant whose counts the end checks: it cancels its own.
        String tenantValue = template.contains("/cancellation") && values.get(0).equals(tenant) ? cancelTenant
                : values.get(0);
        String path = template
                .replace("{tenantId}", tenantValue)
                .replace("{assetId}", values.get(1))
                .replace("{grantId}", values.get(2))
                .replace("{uploadId}", values.get(3))
                .replace("{partNumber}", values.get(4))
                .replace("{erasureId}", values.get(6))
                .replace("{noticeId}", values.get(6))
                .replace("{incidentId}", values.get(6))
                .replace("{exportId}", values.get(6));
        return path + values.get(5);
    }

    private Arbitrary<List<String>> pathValues() {
        Arbitrary<String> junk = Arbitraries.strings().ofMinLength(1).ofMaxLength(80)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
        Arbitrary<String> huge = Arbitraries.strings().alpha().ofMinLength(2_000).ofMaxLength(5_000);
        Arbitrary<String> tenants = Arbitraries.frequencyOf(weighted(6, Arbitraries.just(tenant)),
                weighted(1, Arbitraries.of("NOT_VALID", "other", "..", "%2e%2e", "_stamp", "a".repeat(70))),
                weighted(1, junk), weighted(1, huge));
        Arbitrary<String> assets = Arbitraries.frequencyOf(weighted(5, Arbitraries.just(asset)),
                weighted(1, Arbitraries.of(upload, java.util.UUID.randomUUID().toString(), "0", "-1")),
                weighted(1, junk));
        Arbitrary<String> grants = Arbitraries.frequencyOf(weighted(5, Arbitraries.just(grant)), weighted(1, junk));
        Arbitrary<String> uploads = Arbitraries.frequencyOf(weighted(5, Arbitraries.just(upload)),
                weighted(1, Arbitraries.just(asset)), weighted(1, junk));
        Arbitrary<String> parts = Arbitraries.frequencyOf(weighted(4, Arbitraries.integers().between(0, 3).map(String::valueOf)),
                weighted(1, Arbitraries.of("-1", "99999999999", "1e3", "one", "%20")), weighted(1, junk));
        Arbitrary<String> queries = Arbitraries.frequencyOf(weighted(4, Arbitraries.just("")),
                weighted(1, Arbitraries.of("?pageSize=0", "?pageSize=-1", "?pageSize=100000", "?pageSize=abc",
                        "?continuation=%00", "?continuation=eyJ", "?from=yesterday", "?to=2026-13-40T00:00:00Z",
                        "?subject=", "?actor=%FF", "?pageSize=1&pageSize=2")),
                weighted(1, junk.map(s -> "?" + s + "=" + s)));
        Arbitrary<String> erasures = Arbitraries.frequencyOf(weighted(5, Arbitraries.just(erasure)),
                weighted(1, Arbitraries.just(grant)), weighted(1, junk));
        return Combinators.combine(tenants, assets, grants, uploads, parts, queries, erasures).as(List::of);
    }

    record Body(String contentType, byte[] bytes) {
    }

    private Arbitrary<Body> bodies() {
        Arbitrary<String> types = Arbitraries.of("application/json", "application/merge-patch+json", "text/plain",
                "application/octet-stream", "multipart/form-data; boundary=xyz", "multipart/form-data",
                "application/json; charset=utf-16", "application/x-www-form-urlencoded", "*/*", "garbage");
        Arbitrary<String> json = Arbitraries.of("", "{", "}", "[]", "null", "0", "\"x\"", "{}", "{\"a\":1}",
                "{\"id\":5,\"displayName\":[]}", "{\"id\":\"ok-id\",\"displayName\":\"\\u0000\"}",
                "{\"scope\":\"kek\",\"scope\":\"tdk\"}", "{\"scope\":null}", "{\"name\":{\"a\":1}}",
                "{\"grantee\":\"x\",\"scope\":\"assets\",\"assetIds\":[1,2],\"permissions\":[\"all\"]}",
                "{\"name\":\"a.bin\",\"size\":-1,\"partSize\":0}", "{\"name\":\"a.bin\",\"size\":1e400}",
                "{\"legalHold\":{\"reason\":\"\"}}", "{\"entraTenantId\":\"not-a-guid\"}",
                "{\"displayName\":\"\\ud800\"}", "\u00ff\u00fe{}");
        Arbitrary<byte[]> text = Arbitraries.oneOf(json, Arbitraries.strings().ofMaxLength(300),
                        Arbitraries.strings().withChars('x').ofMinLength(70_000).ofMaxLength(70_100))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<byte[]> payload = Arbitraries.frequencyOf(weighted(3, text), weighted(1, binary));
        return Combinators.combine(Arbitraries.frequencyOf(weighted(5, types), weighted(1, Arbitraries.just(null))), payload)
                .as(Body::new);
    }

    private Arbitrary<Map<String, String>> headers() {
        Arbitrary<Map<String, String>> range = Arbitraries.of("bytes=0-", "bytes=-5", "bytes=5-1", "bytes=abc",
                "bytes=0-1,2-3", "items=0-1", "bytes=99999999999999999999-", "bytes=0-0", "bytes=", "")
                .map(v -> Map.of("Range", v));
        Arbitrary<Map<String, String>> ifMatch = Arbitraries.of("*", "\"nope\"", "W/\"x\"", "")
                .map(v -> Map.of("If-Match", v));
        Arbitrary<Map<String, String>> names = Arbitraries.of("a%2Fb.txt", "%ZZ", "..", "%E2%80%AE.txt",
                "x".repeat(400), "%00").map(v -> Map.of("X-Asset-Name", v, "X-Asset-Subjects", v));
        return Arbitraries.frequencyOf(weighted(4, Arbitraries.just(Map.<String, String>of())), weighted(1, range),
                weighted(1, ifMatch), weighted(1, names));
    }

    private static <T> Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> a) {
        return Tuple.of(weight, a);
    }
}
