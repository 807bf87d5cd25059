package com.strongroom.it;

import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An incident from audit trail to every affected customer, through the local host: a support account reads a file,
 * the Security.Officer previews and declares the incident, the register shows the clock and the draft, notify sends
 * each contact of the affected tenant one notice with only its own part, an update follows, close ends it.
 */
class IncidentRoutesIT {
    private static ApiClient api;
    private static String tenant;
    private static String bystander;
    private static String officer;
    private static String engineerActor;
    private static Instant start;

    @BeforeAll
    static void aSupportEngineerReadsAFile() {
        api = TestStack.shared().api();
        start = Instant.now().minusSeconds(5);
        tenant = api.createTenant("breach-" + UUID.randomUUID().toString().substring(0, 8));
        bystander = api.createTenant("bystander-" + UUID.randomUUID().toString().substring(0, 8));
        String admin = api.token("admin-1", Optional.of(tenant), "Tenant.Admin");
        assertEquals(200, api.send("PUT", "/api/tenants/" + tenant + "/contacts", admin, "application/json",
                "{\"privacy\":[\"dpo@" + tenant + ".example\"],\"security\":[\"soc@" + tenant + ".example\"],"
                        + "\"admins\":[\"it@" + tenant + ".example\"]}").status());
        String manager = api.token("manager", Optional.of(tenant), "Archive.Manager");
        String asset = ErasureRoutesIT.upload(api, tenant, manager, "passport.pdf", "jane@example.com",
                "john@example.com").json().get("id").asText();
        ErasureRoutesIT.upload(api, tenant, manager, "untouched.pdf", "eve@example.com");
        String engineer = api.token("support-breach", Optional.empty(), "Support.Engineer");
        engineerActor = api.actor("support-breach", Optional.empty());
        assertEquals(201, api.postJson("/api/tenants/" + tenant + "/consent-grants", admin, "{\"grantee\":\""
                + api.objectId("support-breach", Optional.empty()) + "\",\"scope\":\"tenant\",\"permissions\":"
                + "[\"metadata:read\",\"content:read\"],\"purpose\":\"ticket\",\"ticket\":\"T-9\",\"expiresAt\":"
                + "\"default\"}").status());
        assertEquals(200, api.get("/api/tenants/" + tenant + "/assets/" + asset + "/content", engineer).status());
        officer = api.token("officer-1", Optional.empty(), "Security.Officer");
    }

    private static String incident(String scope, String detectedAt) {
        return "{\"title\":\"Support account compromised\",\"nature\":[\"confidentiality\"],"
                + "\"description\":\"A support engineer's session was used from an unknown device.\","
                + "\"detectedAt\":\"" + detectedAt + "\",\"window\":{\"from\":\"" + start + "\",\"to\":\""
                + Instant.now().plusSeconds(1) + "\"},\"scope\":" + scope + ",\"keysExposed\":false,"
                + "\"likelyConsequences\":\"Disclosure of the files read.\",\"measures\":\"Sessions revoked.\","
                + "\"contact\":\"dpo@strongroom.example\"}";
    }

    @Test
    void fromAuditTrailToEveryContactOfTheAffectedTenantOnce() throws Exception {
        String scope = "{\"actors\":[\"" + engineerActor + "\"],\"tenants\":[\"" + tenant + "\",\"" + bystander + "\"]}";
        String body = incident(scope, Instant.now().minusSeconds(1).toString());
        JsonNode preview = api.postJson("/api/incidents/preview", officer, body).json();
        assertEquals(1, preview.get("tenants").asInt(), preview.toString());
        JsonNode affected = preview.get("affected").get(0);
        assertEquals(tenant, affected.get("tenantId").asText());
        assertEquals(1, affected.get("records").asInt(), "the one file read, not the untouched one");
        assertEquals(2, affected.get("subjects").asInt(), "jane and john, counted, never named");
        assertFalse(preview.toString().contains("jane"), "no subject identifier");

        ApiClient.Response declared = api.postJson("/api/incidents", officer, body);
        assertEquals(201, declared.status(), declared.text());
        String id = declared.json().get("id").asText();
        assertEquals("/api/incidents/" + id, declared.header("Location"));
        JsonNode register = api.get("/api/incidents/" + id, officer).json();
        assertEquals("declared", register.get("state").asText());
        assertTrue(register.get("hoursLeft").asDouble() > 71.9, register.toString());
        assertFalse(register.get("overdue").asBoolean());
        JsonNode part = register.get("affected").get(0);
        assertTrue(part.get("draftText").asText().contains("Art. 34(3)(a)"));
        assertEquals(2, part.get("draft").get("approximateSubjects").asInt());

        String admin = api.token("admin-1", Optional.of(tenant), "Tenant.Admin");
        JsonNode trail = api.get("/api/tenants/" + tenant + "/audit-events?action=incident.declare", admin).json();
        assertEquals(1, trail.get("events").size(), "a security event in the affected tenant's trail");
        JsonNode other = api.get("/api/tenants/" + bystander + "/audit-events?action=incident.declare",
                api.token("admin-1", Optional.of(bystander), "Tenant.Admin")).json();
        assertEquals(0, other.get("events").size(), "none in the trail of a tenant it did not affect");

        assertEquals(202, api.postJson("/api/incidents/" + id + "/notify", officer, "").status());
        assertEquals(202, api.postJson("/api/incidents/" + id + "/notify", officer, "").status());
        // Four emails: the three contacts' incident notices, and the admin's notice of the grant's first use.
        List<MimeMessage> emails = NoticeRoutesIT.awaitEmails(tenant, 4).stream().filter(IncidentRoutesIT::aboutBreach)
                .toList();
        assertEquals(List.of("dpo@" + tenant + ".example", "it@" + tenant + ".example", "soc@" + tenant + ".example"),
                NoticeRoutesIT.recipients(emails));
        String text = (String) emails.get(0).getContent();
        assertTrue(text.contains("(a) Nature of the breach") && text.contains(id), text);
        assertFalse(text.contains(bystander), "only the tenant's own part");
        Thread.sleep(1500);
        assertEquals(4, NoticeRoutesIT.emailsTo(tenant).size(), "notifying again sent nothing twice");

        assertEquals(202, api.postJson("/api/incidents/" + id + "/updates", officer,
                "{\"text\":\"The device was identified and wiped.\"}").status());
        NoticeRoutesIT.awaitEmails(tenant, 7);
        JsonNode notices = api.get("/api/tenants/" + tenant + "/notices", admin).json().get("notices");
        assertEquals(List.of("incident", "incident.update"), java.util.stream.StreamSupport.stream(notices.spliterator(),
                false).map(n -> n.get("kind").asText()).filter(k -> k.startsWith("incident")).sorted().toList());

        assertEquals(200, api.postJson("/api/incidents/" + id + "/close", officer, "").status());
        ApiClient.Response late = api.postJson("/api/incidents/" + id + "/notify", officer, "");
        assertEquals(409, late.status());
        assertProblem(late, "conflict");
        assertEquals("closed", api.get("/api/incidents/" + id, officer).json().get("state").asText());
    }

    private static boolean aboutBreach(MimeMessage email) {
        try {
            return email.getSubject().contains("Personal data breach");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badIncidentsAreRefusedAndStoreNothing() {
        int before = api.get("/api/incidents?pageSize=200", officer).json().get("incidents").size();
        String now = Instant.now().minusSeconds(1).toString();
        List<String> bad = List.of(
                incident("{}", Instant.now().plus(Duration.ofHours(1)).toString()),
                incident("{\"tenants\":[\"not-here-" + UUID.randomUUID().toString().substring(0, 6) + "\"]}", now),
                incident("{}", now).replace("\"keysExposed\":false,", ""),
                incident("{}", now).replace("\"confidentiality\"", "\"embarrassment\""),
                incident("{}", now).replace("\"title\":", "\"severity\":\"high\",\"title\":"),
                incident("{\"assets\":[\"../x\"]}", now),
                incident("{}", now).replace("\"from\":\"" + start + "\"", "\"from\":\"" + Instant.now().plusSeconds(60)
                        + "\""));
        for (String body : bad) {
            ApiClient.Response r = api.postJson("/api/incidents", officer, body);
            assertEquals(400, r.status(), body + " -> " + r.text());
            assertProblem(r, "invalid-request");
        }
        assertEquals(before, api.get("/api/incidents?pageSize=200", officer).json().get("incidents").size());
        String platformAdmin = api.platformAdmin();
        assertEquals(403, api.postJson("/api/incidents", platformAdmin, incident("{}", now)).status());
        assertEquals(404, api.get("/api/incidents/" + UUID.randomUUID(), officer).status());
    }
}
