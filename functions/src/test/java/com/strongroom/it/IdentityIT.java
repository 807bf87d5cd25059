package com.strongroom.it;

import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.local.DevIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Entra ID tokens through the whole app: each identity is minted as Entra issues it (identity-platform
 * access-token claims reference and optional-claims reference), then changed the one way the case needs.
 */
class IdentityIT {
    private static ApiClient api;
    private static DevIssuer issuer;
    private static String tenant;
    private static EntraTenantId directory;
    private static String asset;

    @BeforeAll
    static void start() {
        api = TestStack.shared().api();
        issuer = api.issuer();
        tenant = api.createTenant("id-" + UUID.randomUUID().toString().substring(0, 8));
        directory = api.entraTenantOf(tenant);
        ApiClient.Response r = api.exchange("POST", "/api/tenants/" + tenant + "/assets",
                api.token("uploader", Optional.of(tenant), "Asset.Contributor"),
                Map.of("X-Asset-Name", "id.txt", "Content-Type", "application/octet-stream"), "id".getBytes());
        asset = r.json().get("id").asText();
    }

    private static DevIssuer.Identity user(EntraTenantId tid, String name) {
        return new DevIssuer.Identity(tid, name, false, false, List.of());
    }

    private static String forged(DevIssuer.Identity who, UnaryOperator<JWTClaimsSet.Builder> change, String... roles) {
        return issuer.sign(change.apply(issuer.claims(who, Duration.ofMinutes(5)).claim("roles", List.of(roles)))
                .build());
    }

    private static ApiClient.Response readTenant(String token) {
        return api.get("/api/tenants/" + tenant, token);
    }

    @Test
    void aTokenWhoseIssuerNamesAnotherTenantThanItsTidIsRefused() {
        EntraTenantId other = EntraTenantId.of(UUID.randomUUID().toString());
        ApiClient.Response r = readTenant(forged(user(directory, "admin"), b -> b.issuer(issuer.issuerFor(other)),
                "Tenant.Admin"));
        assertProblem(r, "unauthenticated");
        assertEquals("the bearer token's issuer does not match its tenant", r.json().get("detail").asText());
    }

    @Test
    void aV1TokenAndAnAppIdUriAudienceAreRefused() {
        assertProblem(readTenant(forged(user(directory, "admin"), b -> b.claim("ver", "1.0"), "Tenant.Admin")),
                "unauthenticated");
        assertProblem(readTenant(forged(user(directory, "admin"), b -> b.audience("api://" + issuer.clientId()),
                "Tenant.Admin")), "unauthenticated");
        assertEquals(200, readTenant(forged(user(directory, "admin"), b -> b, "Tenant.Admin")).status());
    }

    @Test
    void anUnregisteredDirectoryIsForbidden() {
        EntraTenantId stranger = EntraTenantId.of(UUID.randomUUID().toString());
        ApiClient.Response r = readTenant(api.token(user(stranger, "admin"), "Tenant.Admin"));
        assertProblem(r, "forbidden");
        assertEquals("the caller's directory is not registered on any Strongroom tenant", r.json().get("detail").asText());
    }

    @Test
    void aCustomerAdminCannotMakeTheirOwnUserStaff() {
        String selfMadeAdmin = api.token(user(directory, "ambitious"), "Platform.Admin", "Support.Engineer");
        assertProblem(readTenant(selfMadeAdmin), "forbidden");
        assertProblem(api.postJson("/api/tenants", selfMadeAdmin, "{\"id\":\"coup-" + UUID.randomUUID().toString()
                .substring(0, 6) + "\",\"displayName\":\"Coup\"}"), "forbidden");
        assertProblem(api.get("/api/tenants/" + tenant + "/assets/" + asset, selfMadeAdmin), "forbidden");
    }

    @Test
    void theVendorsDirectoryGivesNoCustomerRole() {
        String staffAsCustomer = api.token("eager-engineer", Optional.empty(), "Tenant.Admin", "Asset.Reader");
        assertProblem(readTenant(staffAsCustomer), "forbidden");
        assertProblem(api.get("/api/tenants/" + tenant + "/assets/" + asset, staffAsCustomer), "forbidden");
    }

    @Test
    void aGuestIsAnotherObjectAndAGrantToTheEngineerDoesNotFollowThem() {
        String engineerId = api.objectId("guest-engineer", Optional.empty());
        String admin = api.token("grantor", Optional.of(tenant), "Tenant.Admin");
        assertEquals(201, api.postJson("/api/tenants/" + tenant + "/consent-grants", admin, "{\"grantee\":\""
                + engineerId + "\",\"scope\":\"tenant\",\"permissions\":[\"metadata:read\"],\"purpose\":\"guest\","
                + "\"ticket\":\"G-1\",\"expiresAt\":\"default\"}").status());
        String asStaff = api.token("guest-engineer", Optional.empty(), "Support.Engineer");
        assertEquals(200, api.get("/api/tenants/" + tenant + "/assets/" + asset, asStaff).status());
        // The same person invited into the customer's directory: a new object id there, and no staff role.
        String asGuest = api.token(new DevIssuer.Identity(directory, "guest-engineer", false, true, List.of()),
                "Support.Engineer");
        assertProblem(api.get("/api/tenants/" + tenant + "/assets/" + asset, asGuest), "forbidden");
    }

    @Test
    void anAppOnlyTokenDoesRoutineAssetWorkButNothingThatNeedsAPerson() {
        String app = api.token(new DevIssuer.Identity(directory, "nightly-sync", true, false, List.of()),
                "Asset.Reader", "Tenant.Admin");
        assertEquals(200, api.get("/api/tenants/" + tenant + "/assets/" + asset, app).status());
        ApiClient.Response r = readTenant(app);
        assertProblem(r, "forbidden");
        assertEquals("tenant.read needs a signed-in user", r.json().get("detail").asText());
    }

    @Test
    void staffWithoutTheAuthenticationContextGetAClaimsChallenge() {
        String noMfa = api.token(new DevIssuer.Identity(issuer.vendorTenant(), "ops", false, false, List.of()),
                "Platform.Admin");
        ApiClient.Response r = readTenant(noMfa);
        assertProblem(r, "step-up-required");
        assertEquals(401, r.status());
        String challenge = r.header("WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer error=\"insufficient_claims\", claims=\""), challenge);
        String claims = challenge.substring(challenge.indexOf("claims=\"") + 8, challenge.length() - 1);
        assertEquals("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + issuer.staffAuthContext()
                + "\"}}}", new String(Base64.getDecoder().decode(claims), StandardCharsets.UTF_8));
        assertEquals(200, readTenant(api.platformAdmin()).status());
    }

    @Test
    void anEntraTenantIsRegisteredOnOneTenantAnywhere() {
        String tid = UUID.randomUUID().toString();
        String id = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = api.postJson("/api/tenants", api.platformAdmin(), "{\"id\":\"" + id
                + "\",\"displayName\":\"Registered\",\"entraTenantId\":\"" + tid.toUpperCase() + "\"}");
        assertEquals(201, created.status(), created.text());
        assertEquals(tid, created.json().get("entraTenantId").asText());
        String second = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(api.postJson("/api/tenants", api.platformAdmin(), "{\"id\":\"" + second
                + "\",\"displayName\":\"Twice\",\"entraTenantId\":\"" + tid + "\"}"), "conflict");
        assertEquals(404, api.get("/api/tenants/" + second, api.platformAdmin()).status(), "nothing was created");

        String elsewhere = api.registeredElsewhere("kangaroo", "australiaeast").value();
        String third = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(api.postJson("/api/tenants", api.platformAdmin(), "{\"id\":\"" + third
                + "\",\"displayName\":\"Taken abroad\",\"entraTenantId\":\"" + elsewhere + "\"}"), "conflict");
        assertEquals(404, api.get("/api/tenants/" + third, api.platformAdmin()).status());

        String put = "/api/tenants/" + id + "/entra-tenant";
        assertEquals(200, api.send("PUT", put, api.platformAdmin(), "application/json",
                "{\"entraTenantId\":\"" + tid + "\"}").status(), "registering the same again changes nothing");
        assertProblem(api.send("PUT", put, api.platformAdmin(), "application/json",
                "{\"entraTenantId\":\"" + UUID.randomUUID() + "\"}"), "conflict");
        assertProblem(api.send("PUT", put, api.platformAdmin(), "application/json",
                "{\"entraTenantId\":\"" + EntraTenantId.PERSONAL_ACCOUNTS + "\"}"), "invalid-request");
        assertEquals(200, api.get("/api/tenants/" + id, api.token(user(EntraTenantId.of(tid), "admin"),
                "Tenant.Admin")).status());
    }
}
