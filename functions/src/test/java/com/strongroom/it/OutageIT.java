package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A stack of its own whose emulators are stopped while the app runs. */
class OutageIT {
    private static TestStack stack;
    private static ApiClient api;

    @BeforeAll
    static void startThenStopEmulators() {
        stack = TestStack.startOwn(Map.of(), List.of());
        api = stack.api();
        assertEquals(200, api.get("/api/health", null).status());
        api.createTenant("before-outage");
        api.entraTenantOf("before-outage");
        stack.emulators().close();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /**
     * A health report is reused for 5 s, so the outage shows within that. Staff see which dependency failed; anyone
     * else only that the stamp is down.
     */
    @Test
    void healthAnswers503NamingEveryFailingDependency() throws InterruptedException {
        String staff = api.platformAdmin();
        ApiClient.Response r = api.get("/api/health", staff);
        for (int attempt = 0; attempt < 40 && r.status() == 200; attempt++) {
            Thread.sleep(250);
            r = api.get("/api/health", staff);
        }
        ApiClient.Response anonymous = api.get("/api/health", null);
        assertEquals(503, anonymous.status());
        assertEquals("unavailable", anonymous.json().get("detail").asText());
        assertTrue(anonymous.json().path("checks").isMissingNode() && anonymous.json().path("region").isMissingNode());
        assertEquals(503, r.status());
        TenantRoutesIT.assertProblem(r, "dependency-unavailable");
        JsonNode checks = r.json().get("checks");
        assertEquals("ok", checks.get("keys").asText());
        for (String dependency : List.of("cosmos", "blob", "queue")) {
            assertTrue(!"ok".equals(checks.get(dependency).asText()), dependency + " reported ok while stopped");
            assertTrue(r.json().get("dependency").asText().contains(dependency));
        }
        assertEquals(TestStack.STAMP, r.json().get("region").asText());
    }

    @Test
    void dataAccessFailsClosedWith503WhenTheStoresAreDown() {
        ApiClient.Response read = api.get("/api/tenants/before-outage", api.platformAdmin());
        assertEquals(503, read.status(), read.text());
        TenantRoutesIT.assertProblem(read, "dependency-unavailable");

        ApiClient.Response create = api.postJson("/api/tenants", api.platformAdmin(),
                "{\"id\":\"during-outage\",\"displayName\":\"x\"}");
        assertEquals(503, create.status(), create.text());
        TenantRoutesIT.assertProblem(create, "dependency-unavailable");
    }

    @Test
    void aRefusalThatCannotBeAuditedIsNotAnsweredAsIfItWere() {
        ApiClient.Response r = api.get("/api/tenants/before-outage", null);
        assertEquals(503, r.status());
        TenantRoutesIT.assertProblem(r, "dependency-unavailable");
        ApiClient.Response wrongRole = api.get("/api/tenants/before-outage",
                api.token("reader", Optional.of("before-outage"), "Asset.Reader"));
        assertEquals(503, wrongRole.status());
    }
}
