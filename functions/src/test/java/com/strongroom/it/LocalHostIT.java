package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local host's own routes and limits, over HTTP. */
class LocalHostIT {
    private static ApiClient api;

    @BeforeAll
    static void start() {
        api = TestStack.shared().api();
    }

    @Test
    void devTokenIsIssuedForGivenClaimsAndAcceptedByTheApp() {
        ApiClient.Response token = api.send("POST", "/dev/token", null, "application/json",
                "{\"sub\":\"ops-1\",\"roles\":[\"Platform.Admin\"]}");
        assertEquals(200, token.status());
        assertEquals("Bearer", token.json().get("token_type").asText());
        String jwt = token.json().get("access_token").asText();
        String id = "dev-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.postJson("/api/tenants", jwt, "{\"id\":\"" + id + "\",\"displayName\":\"x\"}").status());
    }

    @Test
    void devTokenRefusesMalformedRequestsAndOtherMethods() {
        TenantRoutesIT.assertProblem(api.send("POST", "/dev/token", null, "application/json", "{\"roles\":[]}"),
                "invalid-request");
        TenantRoutesIT.assertProblem(api.send("POST", "/dev/token", null, "application/json", "not json"),
                "invalid-request");
        assertEquals(405, api.send("GET", "/dev/token", null, null, null).status());
    }

    @Test
    void anExpiredDevTokenIsRefused() {
        ApiClient.Response token = api.send("POST", "/dev/token", null, "application/json",
                "{\"sub\":\"ops-1\",\"roles\":[\"Platform.Admin\"],\"ttlSeconds\":-120}");
        ApiClient.Response r = api.get("/api/tenants/anything", token.json().get("access_token").asText());
        assertEquals(401, r.status());
        assertEquals("Bearer", r.header("WWW-Authenticate"));
    }

    @Test
    void oversizedJsonBodyIsRefusedWith413AndCreatesNothing() {
        String big = "x".repeat(70 * 1024);
        ApiClient.Response r = api.postJson("/api/tenants", api.platformAdmin(),
                "{\"id\":\"too-big\",\"displayName\":\"" + big + "\"}");
        TenantRoutesIT.assertProblem(r, "payload-too-large");
        assertEquals(404, api.get("/api/tenants/too-big", api.platformAdmin()).status());
    }

    @Test
    void requestOverTheHostLimitIsRefusedBeforeItIsRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", TestStack.shared().host().baseUri().getPort())) {
            String head = "POST /api/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (101L * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.contains(" 413"), status);
        }
    }

    @Test
    void devTokensNameTheEntraTenantRegisteredOnTheTenantAndTheDirectoryAnswersForOtherStamps() {
        String own = api.createTenant("home-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        ApiClient.Response token = api.send("POST", "/dev/token", null, "application/json",
                "{\"sub\":\"a-1\",\"tenant\":\"" + own + "\",\"roles\":[\"Tenant.Admin\"]}");
        assertEquals(200, api.get("/api/tenants/" + own, token.json().get("access_token").asText()).status());
        String tid = java.util.UUID.randomUUID().toString();
        assertEquals(204, api.send("POST", "/dev/directory", null, "application/json", "{\"entraTenantId\":\"" + tid
                + "\",\"tenant\":\"wombat\",\"region\":\"australiaeast\"}").status());
        ApiClient.Response away = api.send("POST", "/dev/token", null, "application/json",
                "{\"sub\":\"a-2\",\"tid\":\"" + tid + "\",\"roles\":[\"Tenant.Admin\"]}");
        ApiClient.Response misdirected = api.get("/api/tenants/wombat", away.json().get("access_token").asText());
        assertEquals(421, misdirected.status());
        assertEquals("australiaeast", misdirected.json().get("homeRegion").asText());
    }

    @Test
    void theDevIssuerPublishesOrganizationsStyleMetadataAndItsKeys() {
        ApiClient.Response metadata = api.get("/dev/organizations/v2.0/.well-known/openid-configuration", null);
        assertEquals(200, metadata.status());
        assertTrue(metadata.json().get("issuer").asText().endsWith("/dev/{tenantid}/v2.0"));
        ApiClient.Response keys = api.get("/dev/discovery/v2.0/keys", null);
        assertEquals("RSA", keys.json().get("keys").get(0).get("kty").asText());
        assertTrue(keys.json().get("keys").get(0).path("d").isMissingNode(), "only the public key is served");
    }
}
