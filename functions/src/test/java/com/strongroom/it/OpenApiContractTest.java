package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract check itself: what it lets through and what it catches. */
class OpenApiContractTest {
    static final OpenApiContract CONTRACT = OpenApiContract.document();
    static final String PROBLEM = "{\"type\":\"urn:strongroom:problem:not-found\",\"title\":\"No such resource\","
            + "\"status\":404,\"detail\":\"no tenant x\",\"instance\":\"/api/tenants/x\"}";

    static List<String> check(String method, String path, int status, String type, String body) {
        return CONTRACT.violations(method, path, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentedResponsePasses() {
        assertEquals(List.of(), check("GET", "/api/tenants/acme", 404, "application/problem+json", PROBLEM));
        assertEquals(List.of(), check("GET", "/api/tenants/acme/assets/a1/content?x=1", 206,
                "application/octet-stream", "bytes"));
        assertEquals(List.of(), check("POST", "/dev/token", 200, "application/json", "{}"), "not the API's");
        assertEquals(List.of(), check("GET", "/api/tenants/acme", 500, "", ""), "the worker's own empty 500");
        assertTrue(!check("GET", "/api/tenants/acme", 500, "text/plain", "boom").isEmpty(), "any other 500 body");
    }

    @Test
    void aBodyThatBreaksItsSchemaIsCaught() {
        List<String> found = check("GET", "/api/tenants/acme", 404, "application/problem+json",
                PROBLEM.replace("404", "\"404\""));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("/status"), found.toString());
    }

    @Test
    void anUndocumentedRouteMethodStatusOrMediaTypeIsCaught() {
        assertTrue(check("GET", "/api/nothing-here", 404, "application/problem+json", PROBLEM).get(0)
                .contains("no path"));
        assertTrue(check("DELETE", "/api/tenants", 405, "", "").get(0).contains("documents no DELETE"));
        assertTrue(check("GET", "/api/tenants/acme", 418, "application/problem+json", PROBLEM).get(0)
                .contains("documents no 418"));
        assertTrue(check("GET", "/api/tenants/acme", 404, "text/html", "<h1>404</h1>").get(0)
                .contains("media type 'text/html'"));
    }

    @Test
    void aWrongMemberTypeInsideAReportIsCaught() {
        List<String> found = check("GET", "/api/tenants/acme/audit-events/verify", 200, "application/json",
                "{\"intact\":\"yes\"}");
        assertTrue(found.stream().anyMatch(v -> v.contains("/intact")), found.toString());
    }
}
