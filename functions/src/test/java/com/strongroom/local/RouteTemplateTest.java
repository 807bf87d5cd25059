package com.strongroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {
    @Test
    void matchesLiteralsCaseInsensitivelyAndCapturesParameters() {
        RouteTemplate t = new RouteTemplate("tenants/{tenantId}/assets/{assetId}");
        assertEquals(Optional.of(Map.of("tenantId", "acme", "assetId", "a1")), t.match("/Tenants/acme/assets/a1"));
        assertTrue(t.match("tenants/acme/assets").isEmpty());
        assertTrue(t.match("tenants/acme/assets/a1/content").isEmpty());
        assertTrue(t.match("tenants/acme/other/a1").isEmpty());
    }

    @Test
    void supportsOptionalCatchAllAndConstrainedParameters() {
        assertEquals(Optional.of(Map.of()), new RouteTemplate("tenants/{id?}").match("tenants"));
        assertEquals(Optional.of(Map.of("id", "x")), new RouteTemplate("tenants/{id?}").match("tenants/x"));
        assertEquals(Optional.of(Map.of("rest", "a/b/c")), new RouteTemplate("files/{*rest}").match("files/a/b/c"));
        assertEquals(Optional.of(Map.of("n", "7")), new RouteTemplate("parts/{n:int}").match("parts/7"));
        assertEquals(Optional.of(Map.of()), new RouteTemplate("health").match("health/"));
    }

    @Test
    void resolvesSettingReferencesAndRefusesMissingOnes() {
        assertEquals("jobs", LocalHost.resolve("%Q%", Map.of("Q", "jobs")));
        assertEquals("literal", LocalHost.resolve("literal", Map.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> LocalHost.resolve("%Q%", Map.of()));
    }
}
