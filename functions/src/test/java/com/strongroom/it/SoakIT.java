package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Four clients upload, read ranges and delete for {@code soak.seconds} (90 by default; {@code scripts/soak} runs
 * longer) while the emulators are stopped at a random moment in the middle and started again on the same data. No
 * answer is a 5xx but the 503 of the outage. Afterwards every acknowledged upload reads back byte for byte, every
 * acknowledged delete is gone, every refused upload is absent, and an answer lost to the outage (503) left either
 * nothing or the whole change. The tenant's audit trail verifies intact.
 */
class SoakIT {
    static final int CLIENTS = 4;
    static final Duration LENGTH = Duration.ofSeconds(Long.getLong("soak.seconds", 90));

    @TempDir
    static Path data;
    private static TestStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        stack = TestStack.startOwnDurable(data);
        api = stack.api();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** What a client was told about one file, by its unique name. */
    enum Told { STORED, REFUSED, UNKNOWN, DELETED, DELETE_UNKNOWN }

    record Upload(String name, byte[] content) {
    }

    @Test
    void acknowledgedWorkSurvivesAnEmulatorRestartAndNothingIsHalfDone() throws Exception {
        String tenant = api.createTenant("soak");
        String manager = api.token("soak-manager", Optional.of(tenant), "Archive.Manager");
        String admin = api.token("soak-admin", Optional.of(tenant), "Tenant.Admin");
        Map<String, Upload> files = new ConcurrentHashMap<>();
        Map<String, Told> told = new ConcurrentHashMap<>();
        Map<String, String> ids = new ConcurrentHashMap<>();
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        Instant end = Instant.now().plus(LENGTH);
        long outageAt = LENGTH.toMillis() * (30 + new Random().nextInt(30)) / 100;

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                Random random = new Random(client);
                int n = 0;
                while (Instant.now().isBefore(end)) {
                    int op = random.nextInt(10);
                    List<String> stored = told.entrySet().stream().filter(e -> e.getValue() == Told.STORED)
                            .map(Map.Entry::getKey).toList();
                    if (op < 4 || stored.isEmpty()) {
                        String name = "c" + client + "-" + (n++) + ".bin";
                        byte[] content = new byte[1 + random.nextInt(200_000)];
                        random.nextBytes(content);
                        files.put(name, new Upload(name, content));
                        ApiClient.Response r = api.exchange("POST", "/api/tenants/" + tenant + "/assets", manager,
                                Map.of("Content-Type", "application/octet-stream", "X-Asset-Name", name), content);
                        note(answers, unexpected, "upload", r);
                        if (r.status() == 201) {
                            ids.put(name, r.json().get("id").asText());
                        }
                        told.put(name, r.status() == 201 ? Told.STORED : r.status() == 503 ? Told.UNKNOWN
                                : Told.REFUSED);
                    } else {
                        String name = stored.get(random.nextInt(stored.size()));
                        String path = "/api/tenants/" + tenant + "/assets/" + ids.get(name);
                        if (op < 9) {
                            byte[] content = files.get(name).content();
                            int first = random.nextInt(content.length);
                            int last = first + random.nextInt(content.length - first);
                            ApiClient.Response r = api.exchange("GET", path + "/content", manager,
                                    Map.of("Range", "bytes=" + first + "-" + last), null);
                            note(answers, unexpected, "range", r);
                            if (r.status() == 206 && !java.util.Arrays.equals(r.bytes(),
                                    java.util.Arrays.copyOfRange(content, first, last + 1))) {
                                unexpected.add("range of " + name + " returned other bytes");
                            }
                        } else {
                            ApiClient.Response r = api.exchange("DELETE", path, manager, Map.of(), null);
                            note(answers, unexpected, "delete", r);
                            if (r.status() == 204) {
                                told.put(name, Told.DELETED);
                            } else if (r.status() == 503) {
                                told.put(name, Told.DELETE_UNKNOWN);
                            }
                        }
                    }
                }
                return null;
            }));
        }
        Thread.sleep(outageAt);
        stack.emulators().close();
        Thread.sleep(3_000 + new Random().nextInt(5_000));
        stack.restartEmulators();
        for (Future<?> f : running) {
            f.get(LENGTH.toSeconds() + 300, TimeUnit.SECONDS);
        }
        clients.shutdown();
        stack.awaitHealthy(Duration.ofSeconds(60));

        assertEquals(List.of(), unexpected);
        Set<String> listed = new HashSet<>();
        String continuation = null;
        do {
            ApiClient.Response page = api.get("/api/tenants/" + tenant + "/assets?pageSize=200" + (continuation == null
                    ? "" : "&continuation=" + URLEncoder.encode(continuation, StandardCharsets.UTF_8)), manager);
            assertEquals(200, page.status(), page.text());
            for (JsonNode a : page.json().get("assets")) {
                listed.add(a.get("name").asText());
                ids.putIfAbsent(a.get("name").asText(), a.get("id").asText());
            }
            JsonNode next = page.json().get("continuation");
            continuation = next == null || next.isNull() ? null : next.asText();
        } while (continuation != null);

        Map<Told, Integer> outcome = new TreeMap<>();
        told.forEach((name, t) -> {
            outcome.merge(t, 1, Integer::sum);
            boolean expectPresent = switch (t) {
                case STORED -> true;
                case REFUSED, DELETED -> false;
                case UNKNOWN, DELETE_UNKNOWN -> listed.contains(name);
            };
            assertEquals(expectPresent, listed.contains(name), name + " was " + t);
            if (expectPresent) {
                ApiClient.Response whole = api.get("/api/tenants/" + tenant + "/assets/" + ids.get(name) + "/content",
                        manager);
                assertEquals(200, whole.status(), name + " " + whole.text());
                assertArrayEquals(files.get(name).content(), whole.bytes(), name + " reads back byte for byte");
            }
        });
        JsonNode verify = api.get("/api/tenants/" + tenant + "/audit-events/verify", admin).json();
        assertTrue(verify.get("intact").asBoolean(), verify.toString());
        System.out.println("SoakIT: " + CLIENTS + " clients for " + LENGTH.toSeconds() + " s, emulators stopped at "
                + outageAt / 1000 + " s; answers " + new TreeMap<>(answers) + "; files " + outcome);
    }

    private static void note(Map<String, LongAdder> answers, List<String> unexpected, String what,
                             ApiClient.Response r) {
        answers.computeIfAbsent(what + " " + r.status(), k -> new LongAdder()).increment();
        if (r.status() >= 500 && !(r.status() == 503 && r.text().contains("dependency-unavailable"))) {
            unexpected.add(what + " " + r.status() + " " + r.text());
        }
    }
}
