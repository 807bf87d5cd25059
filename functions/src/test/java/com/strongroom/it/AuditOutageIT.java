package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit store goes away while the app serves: data access fails closed, and once the store is back every
 * access that was answered before the outage is still in an intact trail.
 */
class AuditOutageIT {
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

    @Test
    void anOutageTurnsAccessInto503AndLosesNoAcknowledgedEvent() throws Exception {
        String tenant = api.createTenant("outage-audit");
        String reader = api.token("acknowledged-reader", Optional.of(tenant), "Tenant.Admin");
        int acknowledged = 0;
        for (int i = 0; i < 7; i++) {
            assertEquals(200, api.get("/api/tenants/" + tenant, reader).status());
            acknowledged++;
        }

        stack.emulators().close();
        String duringOutage = api.token("reader-during-outage", Optional.of(tenant), "Tenant.Admin");
        ApiClient.Response refused = api.get("/api/tenants/" + tenant, duringOutage);
        assertEquals(503, refused.status(), refused.text());
        TenantRoutesIT.assertProblem(refused, "dependency-unavailable");
        assertEquals(503, api.get("/api/tenants/" + tenant + "/audit-events", reader).status());

        stack.restartEmulators();
        stack.awaitHealthy(Duration.ofSeconds(30));
        assertEquals(200, api.get("/api/tenants/" + tenant, reader).status());
        acknowledged++;

        List<JsonNode> reads = new ArrayList<>();
        String continuation = null;
        do {
            String query = "?actor=" + api.actor("acknowledged-reader", Optional.of(tenant))
                    + "&action=tenant.read&pageSize=3"
                    + (continuation == null ? "" : "&continuation=" + continuation);
            ApiClient.Response page = api.get("/api/tenants/" + tenant + "/audit-events" + query, reader);
            assertEquals(200, page.status(), page.text());
            page.json().get("events").forEach(reads::add);
            continuation = page.json().get("continuation").isNull() ? null : page.json().get("continuation").asText();
        } while (continuation != null);
        assertEquals(acknowledged, reads.size());
        assertTrue(reads.stream().allMatch(e -> e.get("outcome").asText().equals("SUCCESS")));

        ApiClient.Response verify = api.get("/api/tenants/" + tenant + "/audit-events/verify", reader);
        assertEquals(200, verify.status());
        assertTrue(verify.json().get("intact").asBoolean(), verify.text());
    }
}
