package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 50,000 anonymous requests against one tenant, from one source that also claims others in X-Forwarded-For: every
 * one is refused, the tenant's trail does not grow (so its verification reads what it read before), and the stamp's
 * trail gains one event per minute for the source's first refusal and one counting the rest.
 */
class AnonymousFloodIT {
    static final int REQUESTS = 50_000;
    static final int CLIENTS = 16;

    private static TestStack stack;
    private static ApiClient api;
    private static CosmosClient cosmos;

    @BeforeAll
    static void start() {
        stack = TestStack.startOwn(Map.of(), List.of());
        api = stack.api();
        cosmos = stack.emulators().newCosmosClient();
    }

    @AfterAll
    static void stop() {
        cosmos.close();
        stack.close();
    }

    private static List<JsonNode> events(String trail) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @t AND c.type = 'event'",
                List.of(new SqlParameter("@t", trail)));
        return cosmos.getDatabase("strongroom").getContainer(CosmosAuditLog.CONTAINER)
                .queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class).stream().toList();
    }

    @Test
    void aFloodOfAnonymousRequestsCostsTheTrailsTwoEventsASourceAMinute() throws Exception {
        String tenant = api.createTenant("flooded");
        String admin = api.token("admin", Optional.of(tenant), "Tenant.Admin");
        int tenantEvents = events(tenant).size();
        int stampEvents = events("_stamp").size();
        JsonNode verifiedBefore = api.get("/api/tenants/" + tenant + "/audit-events/verify", admin).json();
        int tenantEventsBefore = events(tenant).size();

        Instant started = Instant.now();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> all = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            all.add(clients.submit(() -> {
                for (int i = client; i < REQUESTS; i += CLIENTS) {
                    ApiClient.Response r = api.exchange("GET", "/api/tenants/" + tenant + "/assets", null,
                            Map.of("X-Forwarded-For", "198.51.100." + (i % 250)), null);
                    if (r.status() == 401) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get(20, TimeUnit.MINUTES);
        }
        clients.shutdown();
        Instant ended = Instant.now();
        assertEquals(REQUESTS, refused.get());

        // The next minute's first request records the counts of the minutes that are over.
        Thread.sleep(Duration.between(Instant.now(), ended.truncatedTo(ChronoUnit.MINUTES).plusSeconds(61)).toMillis());
        assertEquals(401, api.get("/api/tenants/" + tenant + "/assets", null).status());

        assertEquals(tenantEventsBefore, events(tenant).size(), "the tenant's chain did not grow");
        JsonNode verifiedAfter = api.get("/api/tenants/" + tenant + "/audit-events/verify", admin).json();
        assertTrue(verifiedAfter.get("intact").asBoolean(), verifiedAfter.toString());
        List<JsonNode> flood = events("_stamp");
        long minutes = ChronoUnit.MINUTES.between(started.truncatedTo(ChronoUnit.MINUTES),
                ended.truncatedTo(ChronoUnit.MINUTES)) + 2;
        int added = flood.size() - stampEvents;
        assertTrue(added <= 2 * minutes, added + " stamp events for " + minutes + " minutes");
        long counted = flood.stream().filter(e -> e.path("action").asText().equals("request.unauthenticated"))
                .mapToLong(e -> e.path("count").asLong()).sum();
        long single = flood.stream().filter(e -> !e.path("action").asText().equals("request.unauthenticated")
                && e.path("actor").asText().equals("anonymous")).count();
        assertEquals(REQUESTS + 1, counted + single, "every refusal is in the stamp's trail, counted");
        assertTrue(flood.stream().allMatch(e -> !e.path("target").asText().contains("198.51.100")),
                "a source the client claims is not the one counted");
        System.out.println("AnonymousFloodIT: " + REQUESTS + " anonymous requests in "
                + Duration.between(started, ended).toMillis() + " ms from " + CLIENTS + " clients; tenant events "
                + tenantEvents + " -> " + events(tenant).size() + "; stamp events +" + added
                + "; verify before " + verifiedBefore.path("chains").size() + " chains, after "
                + verifiedAfter.path("chains").size());
    }
}
