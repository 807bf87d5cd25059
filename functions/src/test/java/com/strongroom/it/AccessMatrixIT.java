package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.strongroom.core.model.EntraTenantId;
import com.strongroom.local.DevIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every route x every role (and no token, staff without MFA, an application) x own tenant / other tenant / other
 * region, against the statuses the design promises, with Entra-shaped tokens: customers are users of the Entra tenant
 * registered on their tenant, staff are members of the vendor's tenant. The expectations are written out here,
 * independently of the code's own policy table; a new route must add its rows.
 */
class AccessMatrixIT {
    enum Scope { OWN_TENANT, OTHER_TENANT, OTHER_REGION }

    static final String NONE = "(no token)";
    static final String NO_MFA = " (no MFA)";
    static final String APP = " (application)";
    static final List<String> CALLERS = List.of(NONE, "Asset.Reader", "Asset.Contributor", "Archive.Manager",
            "Tenant.Admin", "Support.Engineer", "Security.Officer", "Platform.Admin", "Platform.Admin" + NO_MFA,
            "Support.Engineer" + NO_MFA, "Tenant.Admin" + APP);
    /** Routes whose operations an app-only token may perform (with a role that allows them). */
    static final List<String> APPLICATION_ROUTES = List.of("GET /api/tenants/{t}/audit-events",
            "GET /api/tenants/{t}/audit-events/verify");
    static final List<String> VENDOR_ROLES = List.of("Support.Engineer", "Security.Officer", "Platform.Admin");

    record Route(String method, String template, Map<String, int[]> expected) {
    }

    /** Statuses per caller for {own tenant, other tenant, other region}. */
    static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/health", Map.of(
                    "*", new int[] {200, 200, 200})),
            new Route("POST", "/api/tenants", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {201, 201, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("GET", "/api/tenants/{t}", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {200, 200, 404},
                    "Tenant.Admin", new int[] {200, 403, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("PUT", "/api/tenants/{t}/entra-tenant", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {200, 200, 404},
                    "*", new int[] {403, 403, 403})),
            new Route("GET", "/api/tenants/{t}/audit-events", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Tenant.Admin", new int[] {200, 403, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("GET", "/api/tenants/{t}/audit-events/verify", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Tenant.Admin", new int[] {200, 403, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("POST", "/api/tenants/{t}/audit-checkpoints", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {201, 201, 404},
                    "Tenant.Admin", new int[] {201, 403, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("POST", "/api/tenants/{t}/assets", contributors(201)),
            new Route("GET", "/api/tenants/{t}/assets", readers()),
            new Route("GET", "/api/tenants/{t}/assets/{a}", readers()),
            new Route("GET", "/api/tenants/{t}/assets/{a}/content", readers()),
            new Route("PATCH", "/api/tenants/{t}/assets/{a}", contributors(200)),
            new Route("DELETE", "/api/tenants/{t}/assets/{fresh}", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Archive.Manager", new int[] {204, 403, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("POST", "/api/tenants/{t}/uploads", contributors(201)),
            new Route("PUT", "/api/tenants/{t}/uploads/{u}/parts/1", contributors(200)),
            new Route("POST", "/api/tenants/{t}/uploads/{u}/complete", contributors(201)),
            new Route("POST", "/api/tenants/{t}/key-rotations", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {200, 200, 404},
                    "Tenant.Admin", new int[] {200, 403, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("POST", "/api/tenants/{t}/consent-grants", tenantAdmins(201)),
            new Route("GET", "/api/tenants/{t}/consent-grants", tenantAdmins(200)),
            new Route("GET", "/api/tenants/{t}/consent-grants/{g}", tenantAdmins(200)),
            new Route("GET", "/api/tenants/{t}/consent-grants/{g}/accesses", tenantAdmins(200)),
            new Route("DELETE", "/api/tenants/{t}/consent-grants/{freshGrant}", tenantAdmins(204)),
            new Route("POST", "/api/tenants/{t}/erasure-requests", archiveManagers(201)),
            new Route("GET", "/api/tenants/{t}/erasure-requests", erasureReaders()),
            new Route("GET", "/api/tenants/{t}/erasure-requests/{e}", erasureReaders()),
            new Route("GET", "/api/tenants/{t}/erasure-requests/{done}/receipt", erasureReaders()),
            new Route("POST", "/api/tenants/{t}/erasure-requests/{freshErasure}/approve", archiveManagers(202)),
            new Route("POST", "/api/tenants/{t}/erasure-requests/{freshErasure}/cancel", archiveManagers(200)),
            new Route("POST", "/api/tenants/{t}/erasure-requests/{freshErasure}/extend", archiveManagers(200)),
            // Only a failed or stalled erasure can be retried: an awaiting one is a conflict, once the caller is let in.
            new Route("POST", "/api/tenants/{t}/erasure-requests/{e}/retry", archiveManagers(409)),
            new Route("POST", "/api/tenants/{t}/exports", tenantAdmins(202)),
            new Route("GET", "/api/tenants/{t}/exports", tenantAdmins(200)),
            new Route("GET", "/api/tenants/{t}/exports/{x}", tenantAdmins(200)),
            new Route("GET", "/api/tenants/{t}/exports/{x}/content", tenantAdmins(200)),
            new Route("POST", "/api/tenants/{t}/subject-exports", managersAndAdmins(202)),
            new Route("GET", "/api/tenants/{t}/subject-exports", managersAndAdmins(200)),
            new Route("GET", "/api/tenants/{t}/subject-exports/{sx}", managersAndAdmins(200)),
            new Route("GET", "/api/tenants/{t}/subject-exports/{sx}/content", managersAndAdmins(200)),
            // Cancelling or revoking acts on a fresh tenant of this stamp for each call (see call); none of these
            // tenants has a cancellation to read or a certificate yet: found, authorised, and 404.
            new Route("POST", "/api/tenants/{t}/cancellation", platformAdmins(202)),
            new Route("DELETE", "/api/tenants/{t}/cancellation", platformAdmins(200)),
            new Route("GET", "/api/tenants/{t}/cancellation", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {404, 404, 404},
                    "Tenant.Admin", new int[] {404, 403, 421},
                    "*", new int[] {403, 403, 403})),
            new Route("GET", "/api/tenants/{t}/cancellation/certificate", platformAdmins(404)),
            new Route("GET", "/api/tenants/{t}/contacts", contactKeepers(200)),
            new Route("PUT", "/api/tenants/{t}/contacts", contactKeepers(200)),
            new Route("GET", "/api/tenants/{t}/notices", tenantAdmins(200)),
            // A notice of the own tenant: found (and nothing failed to retry); another tenant has no such notice.
            new Route("POST", "/api/tenants/{t}/notices/{n}/retry", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {202, 404, 404},
                    "*", new int[] {403, 403, 403})),
            new Route("POST", "/api/maintenance-notices", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {202, 202, 202},
                    "*", new int[] {403, 403, 403})),
            new Route("POST", "/api/incidents/preview", securityOfficers(200)),
            new Route("POST", "/api/incidents", securityOfficers(201)),
            new Route("GET", "/api/incidents", securityOfficers(200)),
            new Route("GET", "/api/incidents/{i}", securityOfficers(200)),
            new Route("POST", "/api/incidents/{i}/notify", securityOfficers(202)),
            new Route("POST", "/api/incidents/{i}/updates", securityOfficers(202)),
            new Route("POST", "/api/incidents/{i}/close", securityOfficers(200)),
            new Route("GET", "/api/signing-keys", Map.of(
                    "*", new int[] {200, 200, 200})),
            new Route("POST", "/api/erasure-ledger/replay", Map.of(
                    NONE, new int[] {401, 401, 401},
                    "Platform.Admin", new int[] {200, 200, 200},
                    "*", new int[] {403, 403, 403})));

    /** The erasure routes that act: Archive.Managers of the tenant only; support staff never, grant or no grant. */
    private static Map<String, int[]> archiveManagers(int success) {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Archive.Manager", new int[] {success, 403, 421},
                "*", new int[] {403, 403, 403});
    }

    /** The erasure routes that read: the tenant's Archive.Managers and admins. */
    private static Map<String, int[]> erasureReaders() {
        return managersAndAdmins(200);
    }

    /** The tenant's Archive.Managers and admins: erasure reads, and data subjects' copies. */
    private static Map<String, int[]> managersAndAdmins(int success) {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Archive.Manager", new int[] {success, 403, 421},
                "Tenant.Admin", new int[] {success, 403, 421},
                "*", new int[] {403, 403, 403});
    }

    /** The incident routes act on the stamp, not a tenant: Security.Officers only, whatever the scope. */
    private static Map<String, int[]> securityOfficers(int success) {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Security.Officer", new int[] {success, success, success},
                "*", new int[] {403, 403, 403});
    }

    /** A tenant's contacts: its own admin, and the platform's admins for any tenant of the stamp. */
    private static Map<String, int[]> contactKeepers(int success) {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Platform.Admin", new int[] {success, success, 404},
                "Tenant.Admin", new int[] {success, 403, 421},
                "*", new int[] {403, 403, 403});
    }

    /** A Platform.Admin's routes on any tenant of this stamp (404 for one it does not hold); no one else's. */
    private static Map<String, int[]> platformAdmins(int success) {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Platform.Admin", new int[] {success, success, 404},
                "*", new int[] {403, 403, 403});
    }

    /** The consent routes: the tenant's own admin only; support staff never grant, list or revoke. */
    private static Map<String, int[]> tenantAdmins(int success) {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Tenant.Admin", new int[] {success, 403, 421},
                "*", new int[] {403, 403, 403});
    }

    /**
     * Routes that read assets: every customer role that works with files, and a support engineer under the consent
     * grant the own tenant gave them (another tenant gave none: 403; a tenant this stamp lacks: 404); never the
     * tenant admin or other vendor staff.
     */
    private static Map<String, int[]> readers() {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Asset.Reader", new int[] {200, 403, 421},
                "Asset.Contributor", new int[] {200, 403, 421},
                "Archive.Manager", new int[] {200, 403, 421},
                "Support.Engineer", new int[] {200, 403, 404},
                "*", new int[] {403, 403, 403});
    }

    private static Map<String, int[]> contributors(int success) {
        return Map.of(NONE, new int[] {401, 401, 401},
                "Asset.Contributor", new int[] {success, 403, 421},
                "Archive.Manager", new int[] {success, 403, 421},
                "*", new int[] {403, 403, 403});
    }

    /**
     * Staff without MFA must step up wherever their role would act (401), and are refused where it would not; an
     * application is the tenant admin on the routes apps may use, and refused before any tenant is read elsewhere.
     */
    static int[] expected(Route route, String caller) {
        if (caller.endsWith(NO_MFA)) {
            String role = caller.substring(0, caller.length() - NO_MFA.length());
            return route.expected().containsKey(role) ? new int[] {401, 401, 401} : expected(route, "*");
        }
        if (caller.endsWith(APP)) {
            String role = caller.substring(0, caller.length() - APP.length());
            return APPLICATION_ROUTES.contains(route.method() + " " + route.template()) || !route.expected()
                    .containsKey(role) ? expected(route, role) : new int[] {403, 403, 403};
        }
        return route.expected().getOrDefault(caller, route.expected().get("*"));
    }

    private static ApiClient api;
    private static String ownTenant;
    private static String otherTenant;
    private static String faraway;
    private static EntraTenantId farawayDirectory;
    private static String ownAsset;
    private static String ownGrant;
    private static String ownErasure;
    private static String doneErasure;
    private static String ownNotice;
    private static String ownIncident;
    private static String ownExport;
    private static String ownSubjectExport;

    @BeforeAll
    static void tenants() {
        api = TestStack.shared().api();
        ownTenant = api.createTenant("own-" + UUID.randomUUID().toString().substring(0, 8));
        otherTenant = api.createTenant("other-" + UUID.randomUUID().toString().substring(0, 8));
        faraway = "faraway-" + UUID.randomUUID().toString().substring(0, 8);
        farawayDirectory = api.registeredElsewhere(faraway, "eastus");
        ownAsset = newAsset();
        ownGrant = newGrant(api.objectId("subject-Support.Engineer", Optional.empty()));
        ownErasure = newErasure();
        doneErasure = newErasure();
        ApiClient.Response approved = api.postJson("/api/tenants/" + ownTenant + "/erasure-requests/" + doneErasure
                + "/approve", api.token("matrix-approver", Optional.of(ownTenant), "Archive.Manager"), "");
        if (approved.status() != 202) {
            throw new IllegalStateException("erasure not approved: " + approved.text());
        }
        api.awaitErasure(ownTenant, doneErasure, "completed");
        ApiClient.Response announced = api.postJson("/api/maintenance-notices", api.platformAdmin(), maintenanceBody());
        if (announced.status() != 202) {
            throw new IllegalStateException("maintenance not announced: " + announced.text());
        }
        ownNotice = "maintenance-" + announced.json().get("maintenanceId").asText();
        String officer = api.token("matrix-officer", Optional.empty(), "Security.Officer");
        ApiClient.Response declared = api.postJson("/api/incidents", officer, incidentBody());
        if (declared.status() != 201) {
            throw new IllegalStateException("incident not declared: " + declared.text());
        }
        ownIncident = declared.json().get("id").asText();
        ApiClient.Response exported = api.postJson("/api/tenants/" + ownTenant + "/exports",
                api.token("matrix-exporter", Optional.of(ownTenant), "Tenant.Admin"), "");
        if (exported.status() != 202) {
            throw new IllegalStateException("export not requested: " + exported.text());
        }
        ownExport = exported.json().get("id").asText();
        api.awaitExport(ownTenant, ownExport, "ready");
        ApiClient.Response subjectExported = api.postJson("/api/tenants/" + ownTenant + "/subject-exports",
                api.token("matrix-exporter", Optional.of(ownTenant), "Tenant.Admin"), subjectExportBody());
        if (subjectExported.status() != 202) {
            throw new IllegalStateException("subject export not requested: " + subjectExported.text());
        }
        ownSubjectExport = subjectExported.json().get("id").asText();
        api.awaitState("/api/tenants/" + ownTenant + "/subject-exports/" + ownSubjectExport,
                api.token("matrix-exporter", Optional.of(ownTenant), "Tenant.Admin"), "ready");
        if (api.postJson("/api/incidents/" + ownIncident + "/notify", officer, "").status() != 202) {
            throw new IllegalStateException("incident not notified");
        }
    }

    private static String incidentBody() {
        return "{\"title\":\"Matrix\",\"nature\":[\"confidentiality\"],\"description\":\"d\",\"detectedAt\":\""
                + Instant.now().minusSeconds(60) + "\",\"window\":{\"from\":\"" + Instant.now().minusSeconds(3600)
                + "\",\"to\":\"" + Instant.now() + "\"},\"scope\":{\"tenants\":[\"" + ownTenant + "\"]},"
                + "\"keysExposed\":false,\"likelyConsequences\":\"c\",\"measures\":\"m\",\"contact\":\"x\"}";
    }

    private static String maintenanceBody() {
        return "{\"window\":{\"from\":\"2099-01-01T02:00:00Z\",\"to\":\"2099-01-01T04:00:00Z\"},\"tenants\":[\""
                + ownTenant + "\"],\"text\":\"access matrix\"}";
    }

    /** An erasure request of the own tenant, made by an Archive.Manager other than the matrix's own caller. */
    private static String newErasure() {
        ApiClient.Response r = api.postJson("/api/tenants/" + ownTenant + "/erasure-requests",
                api.token("matrix-requester", Optional.of(ownTenant), "Archive.Manager"), erasureBody());
        if (r.status() != 201) {
            throw new IllegalStateException("erasure request not created: " + r.text());
        }
        return r.json().get("id").asText();
    }

    /** A new tenant of this stamp, cancelled (in its grace period) if asked: what a cancellation row acts on. */
    private static String freshTenant(boolean cancelled) {
        String tenant = api.createTenant("c-" + UUID.randomUUID().toString().substring(0, 8));
        if (cancelled && api.postJson("/api/tenants/" + tenant + "/cancellation", api.platformAdmin(),
                "{\"exportFirst\":false}").status() != 202) {
            throw new IllegalStateException("tenant " + tenant + " not cancelled");
        }
        return tenant;
    }

    private static String subjectExportBody() {
        return "{\"subjects\":[\"nobody-" + UUID.randomUUID() + "@example.com\"],\"reference\":\"matrix\"}";
    }

    /** A request received an hour ago, so its time to answer is running (and can be extended). */
    private static String erasureBody() {
        return "{\"subjects\":[\"nobody-" + UUID.randomUUID() + "@example.com\"],\"reason\":\"matrix\","
                + "\"receivedAt\":\"" + Instant.now().minusSeconds(3600) + "\"}";
    }

    /** A grant of the own tenant, by an admin other than the matrix's own Tenant.Admin caller. */
    private static String newGrant(String grantee) {
        ApiClient.Response r = api.postJson("/api/tenants/" + ownTenant + "/consent-grants",
                api.token("matrix-admin", Optional.of(ownTenant), "Tenant.Admin"), grantBody(grantee));
        if (r.status() != 201) {
            throw new IllegalStateException("grant not created: " + r.text());
        }
        return r.json().get("id").asText();
    }

    private static String grantBody(String grantee) {
        return "{\"grantee\":\"" + grantee + "\",\"scope\":\"tenant\",\"permissions\":[\"metadata:read\","
                + "\"content:read\"],\"purpose\":\"access matrix\",\"ticket\":\"M-1\",\"expiresAt\":\"default\"}";
    }

    private static String newAsset() {
        ApiClient.Response r = api.exchange("POST", "/api/tenants/" + ownTenant + "/assets",
                api.token("matrix-uploader", Optional.of(ownTenant), "Asset.Contributor"),
                Map.of("X-Asset-Name", "matrix.txt", "Content-Type", "application/octet-stream"), "matrix".getBytes());
        if (r.status() != 201) {
            throw new IllegalStateException("asset not created: " + r.text());
        }
        return r.json().get("id").asText();
    }

    /** An upload session of the caller's own (sessions belong to whoever opened them), or an unknown id. */
    private static String sessionOf(String token, boolean withPart) {
        if (token == null) {
            return UUID.randomUUID().toString();
        }
        ApiClient.Response r = api.postJson("/api/tenants/" + ownTenant + "/uploads", token,
                "{\"name\":\"matrix.bin\",\"size\":0}");
        if (r.status() != 201) {
            return UUID.randomUUID().toString();
        }
        String id = r.json().get("id").asText();
        if (withPart) {
            api.exchange("PUT", "/api/tenants/" + ownTenant + "/uploads/" + id + "/parts/1", token,
                    Map.of("Content-Type", "application/octet-stream"), new byte[0]);
        }
        return id;
    }

    @TestFactory
    List<DynamicTest> everyRouteRoleAndScope() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : ROUTES) {
            for (String caller : CALLERS) {
                int[] statuses = expected(route, caller);
                for (Scope scope : Scope.values()) {
                    int expected = statuses[scope.ordinal()];
                    tests.add(dynamicTest(route.method() + " " + route.template() + " as " + caller + " on " + scope,
                            () -> {
                                ApiClient.Response r = call(route, caller, scope);
                                assertEquals(expected, r.status(), r.text());
                                if (expected >= 400) {
                                    TenantRoutesIT.assertProblem(r, slugFor(expected, caller));
                                }
                            }));
                }
            }
        }
        return tests;
    }

    /**
     * Own tenant: a user of the Entra tenant registered on {@code ownTenant}, on {@code ownTenant}. Other tenant: the
     * same caller on {@code otherTenant}. Other region: a user of an Entra tenant that the shared directory places
     * in another stamp, on its tenant there (customer roles), or a tenant this stamp does not hold (staff).
     */
    private static ApiClient.Response call(Route route, String caller, Scope scope) {
        String role = caller.replace(NO_MFA, "").replace(APP, "");
        boolean vendor = VENDOR_ROLES.contains(role);
        String token = null;
        if (!caller.equals(NONE)) {
            EntraTenantId directory = vendor ? api.issuer().vendorTenant()
                    : scope == Scope.OTHER_REGION ? farawayDirectory : api.entraTenantOf(ownTenant);
            List<String> contexts = vendor && !caller.endsWith(NO_MFA) ? List.of(api.issuer().staffAuthContext())
                    : List.of();
            token = api.token(new DevIssuer.Identity(directory, "subject-" + caller, caller.endsWith(APP), false,
                    contexts), role);
        }
        String target = switch (scope) {
            case OWN_TENANT -> ownTenant;
            case OTHER_TENANT -> otherTenant;
            case OTHER_REGION -> vendor || caller.equals(NONE) ? "elsewhere-" + UUID.randomUUID().toString().substring(0, 6)
                    : faraway;
        };
        String path = route.template().replace("{t}", target).replace("{a}", ownAsset).replace("{g}", ownGrant);
        if (path.contains("{fresh}")) {
            path = path.replace("{fresh}", newAsset());
        }
        if (path.contains("{freshGrant}")) {
            path = path.replace("{freshGrant}", newGrant(api.objectId("matrix-engineer", Optional.empty())));
        }
        path = path.replace("{e}", ownErasure).replace("{done}", doneErasure).replace("{n}", ownNotice)
                .replace("{i}", ownIncident).replace("{x}", ownExport).replace("{sx}", ownSubjectExport);
        if (path.contains("{freshErasure}")) {
            path = path.replace("{freshErasure}", newErasure());
        }
        if (path.contains("{u}")) {
            path = path.replace("{u}", sessionOf(scope == Scope.OWN_TENANT ? token : null, path.endsWith("/complete")));
        }
        switch (route.method() + " " + route.template()) {
            case "POST /api/tenants/{t}/assets":
                return api.exchange("POST", path, token, Map.of("X-Asset-Name", "m.txt", "Content-Type", "application/octet-stream"),
                        "m".getBytes());
            case "PATCH /api/tenants/{t}/assets/{a}":
                return api.send("PATCH", path, token, "application/json", "{\"metadata\":{\"k\":\"v\"}}");
            case "POST /api/tenants/{t}/uploads":
                return api.postJson(path, token, "{\"name\":\"m.bin\",\"size\":10}");
            case "PUT /api/tenants/{t}/uploads/{u}/parts/1":
                return api.exchange("PUT", path, token, Map.of("Content-Type", "application/octet-stream"), new byte[0]);
            case "POST /api/tenants/{t}/key-rotations":
                return api.postJson(path, token, "{\"scope\":\"kek\"}");
            case "POST /api/tenants/{t}/consent-grants":
                return api.postJson(path, token, grantBody(api.objectId("matrix-engineer", Optional.empty())));
            case "POST /api/tenants/{t}/erasure-requests":
                return api.postJson(path, token, erasureBody());
            case "POST /api/tenants/{t}/subject-exports":
                return api.postJson(path, token, subjectExportBody());
            case "POST /api/tenants/{t}/erasure-requests/{freshErasure}/extend":
                return api.postJson(path, token, "{\"months\":1,\"reason\":\"matrix\"}");
            case "POST /api/tenants/{t}/cancellation":
                return api.postJson(vendor && scope != Scope.OTHER_REGION ? path.replace(target, freshTenant(false))
                        : path, token,
                        "{\"graceDays\":30,\"exportFirst\":false}");
            case "DELETE /api/tenants/{t}/cancellation":
                return api.send("DELETE", vendor && scope != Scope.OTHER_REGION ? path.replace(target,
                        freshTenant(true)) : path, token, null, null);
            case "PUT /api/tenants/{t}/contacts":
                return api.send("PUT", path, token, "application/json", "{\"admins\":[\"matrix@own.example\"]}");
            case "POST /api/incidents/preview":
            case "POST /api/incidents":
                return api.postJson(path, token, incidentBody());
            case "POST /api/incidents/{i}/updates":
                return api.postJson(path, token, "{\"text\":\"matrix update\"}");
            case "POST /api/maintenance-notices":
                return api.postJson(path, token, maintenanceBody());
            case "PUT /api/tenants/{t}/entra-tenant":
                String registered = scope == Scope.OTHER_REGION ? UUID.randomUUID().toString()
                        : api.entraTenantOf(target).value();
                return api.send("PUT", path, token, "application/json", "{\"entraTenantId\":\"" + registered + "\"}");
            default:
                break;
        }
        if (route.method().equals("POST") && route.template().equals("/api/tenants")) {
            String region = scope == Scope.OTHER_REGION ? ",\"region\":\"eastus\"" : "";
            String id = "m-" + UUID.randomUUID().toString().substring(0, 8);
            return api.postJson(path, token, "{\"id\":\"" + id + "\",\"displayName\":\"Matrix\"" + region + "}");
        }
        return api.send(route.method(), path, token, null, null);
    }

    private static String slugFor(int status, String caller) {
        return switch (status) {
            case 401 -> caller.endsWith(NO_MFA) ? "step-up-required" : "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 421 -> "misdirected";
            default -> throw new IllegalArgumentException("no problem type for " + status);
        };
    }
}
