package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One reader asks for 32 ranges of 64 MiB at once from an instance whose heap is 512 MiB (its own failsafe run:
 * {@code -Xmx512m -XX:+ExitOnOutOfMemoryError}, so an OutOfMemoryError anywhere ends the JVM and fails the build).
 * Every request gets either its bytes, checked by digest, or a clean retryable 503 {@code busy} with
 * {@code Retry-After}; nothing else.
 */
class MemoryBoundIT {
    static final int RANGE = 64 * 1024 * 1024;
    static final int PARALLEL = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        stack = TestStack.startOwn(Map.of("MAX_RESPONSE_BYTES", String.valueOf(RANGE)), List.of());
        api = stack.api();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A resumable upload in parts of 16 MiB, the largest a request body may be; returns the asset's id. */
    private static String uploadInParts(String tenant, String token, byte[] content) {
        int part = 16 * 1024 * 1024;
        ApiClient.Response session = api.postJson("/api/tenants/" + tenant + "/uploads", token,
                "{\"name\":\"big.bin\",\"size\":" + content.length + ",\"partSize\":" + part + "}");
        assertEquals(201, session.status(), session.text());
        String id = session.json().get("id").asText();
        for (int n = 1; (long) (n - 1) * part < content.length; n++) {
            byte[] bytes = java.util.Arrays.copyOfRange(content, (n - 1) * part, Math.min(content.length, n * part));
            ApiClient.Response staged = api.exchange("PUT", "/api/tenants/" + tenant + "/uploads/" + id + "/parts/" + n,
                    token, Map.of("Content-Type", "application/octet-stream"), bytes);
            assertEquals(200, staged.status(), staged.text());
        }
        ApiClient.Response done = api.send("POST", "/api/tenants/" + tenant + "/uploads/" + id + "/complete", token,
                null, null);
        assertEquals(201, done.status(), done.text());
        return done.json().get("id").asText();
    }

    @Test
    void parallelLargeRangesGetTheirBytesOrABusyProblemAndNeverExhaustTheHeap() throws Exception {
        String tenant = api.createTenant("memory-bound");
        String manager = api.token("manager", Optional.of(tenant), "Archive.Manager");
        byte[] content = new byte[RANGE + 4096];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >>> 11));
        }
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(content, RANGE));
        String path = "/api/tenants/" + tenant + "/assets/" + uploadInParts(tenant, manager, content) + "/content";
        content = null;

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = stack.host().baseUri().resolve(path);
        ExecutorService readers = Executors.newFixedThreadPool(PARALLEL);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            outcomes.add(readers.submit(() -> {
                HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + manager)
                        .header("Range", "bytes=0-" + (RANGE - 1)).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 206) {
                        MessageDigest digest = MessageDigest.getInstance("SHA-256");
                        byte[] buffer = new byte[1 << 16];
                        for (int n; (n = body.read(buffer)) > 0; ) {
                            digest.update(buffer, 0, n);
                        }
                        assertArrayEquals(expected, digest.digest(), "a 206 carries exactly the range's bytes");
                        return "206";
                    }
                    JsonNode problem = JSON.readTree(body.readAllBytes());
                    assertEquals("application/problem+json",
                            response.headers().firstValue("Content-Type").orElse(""));
                    if (response.statusCode() == 503) {
                        assertEquals("urn:strongroom:problem:busy", problem.get("type").asText(), problem.toString());
                        assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    }
                    return response.statusCode() + " " + problem.get("type").asText();
                }
            }));
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Future<String> outcome : outcomes) {
            counts.merge(outcome.get(5, TimeUnit.MINUTES), 1, Integer::sum);
        }
        readers.shutdown();

        assertEquals(PARALLEL, counts.getOrDefault("206", 0) + counts.getOrDefault("503 urn:strongroom:problem:busy", 0),
                "only bytes or busy: " + counts);
        assertTrue(counts.getOrDefault("206", 0) >= 1, "some ranges are served: " + counts);
        assertEquals(200, api.get("/api/health", null).status(), "the instance still serves");
        assertEquals(206, api.exchange("GET", path, manager, Map.of("Range", "bytes=0-1023"), null).status(),
                "and serves the next reader once the bytes are released");
        System.out.println("MemoryBoundIT: " + PARALLEL + " parallel 64 MiB ranges at -Xmx"
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m: " + counts);
    }
}
