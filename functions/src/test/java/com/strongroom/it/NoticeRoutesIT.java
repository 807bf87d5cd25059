package com.strongroom.it;

import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Contacts, maintenance notices and consent notices through the local host: the notifier's queue worker writes
 * each recipient's email once into the outbox, as .eml files a mail library reads back.
 */
class NoticeRoutesIT {
    private static ApiClient api;
    private String tenant;
    private String admin;

    @BeforeAll
    static void connect() {
        api = TestStack.shared().api();
    }

    @BeforeEach
    void tenantWithContacts() {
        tenant = api.createTenant("notice-" + UUID.randomUUID().toString().substring(0, 8));
        admin = api.token("admin-1", Optional.of(tenant), "Tenant.Admin");
        ApiClient.Response put = api.send("PUT", "/api/tenants/" + tenant + "/contacts", admin, "application/json",
                contacts("dpo@" + tenant + ".example", "soc@" + tenant + ".example", "ada@" + tenant + ".example",
                        "bob@" + tenant + ".example"));
        assertEquals(200, put.status(), put.text());
    }

    private static String contacts(String privacy, String security, String... admins) {
        return "{\"privacy\":[\"" + privacy + "\"],\"security\":[\"" + security + "\"],\"admins\":[\""
                + String.join("\",\"", admins) + "\"]}";
    }

    @Test
    void contactsAreReadAsWrittenAndBadAddressesChangeNothing() {
        JsonNode read = api.get("/api/tenants/" + tenant + "/contacts", admin).json();
        assertEquals("ada@" + tenant + ".example", read.get("admins").get(0).asText());
        assertEquals(2, read.get("admins").size());
        for (String bad : List.of("{\"admins\":[\"not-an-address\"]}", "{\"admins\":[\"a@b\"]}",
                "{\"admins\":[\"ada@x.example\",\"ada@x.example\"]}", "{\"admins\":[],\"pager\":[\"a@x.example\"]}",
                "{\"admins\":[\"<script>@x.example\"]}")) {
            ApiClient.Response r = api.send("PUT", "/api/tenants/" + tenant + "/contacts", admin, "application/json", bad);
            assertEquals(400, r.status(), bad + " -> " + r.text());
            assertProblem(r, "invalid-request");
            assertTrue(!r.text().contains("not-an-address") && !r.text().contains("<script>"),
                    "the address is not echoed: " + r.text());
        }
        assertEquals(read, api.get("/api/tenants/" + tenant + "/contacts", admin).json(), "unchanged");
        ApiClient.Response byStaff = api.send("PUT", "/api/tenants/" + tenant + "/contacts", api.platformAdmin(),
                "application/json", contacts("dpo@x.example", "soc@x.example", "new@x.example"));
        assertEquals(200, byStaff.status(), byStaff.text());
        assertEquals("new@x.example", api.get("/api/tenants/" + tenant + "/contacts", admin).json().get("admins")
                .get(0).asText());
    }

    @Test
    void aMaintenanceNoticeReachesEachAdminOnceEvenWhenPostedTwice() throws Exception {
        String body = maintenance("[\"" + tenant + "\"]", "Database upgrade " + UUID.randomUUID() + ".");
        ApiClient.Response first = api.postJson("/api/maintenance-notices", api.platformAdmin(), body);
        assertEquals(202, first.status(), first.text());
        assertEquals(1, first.json().get("tenants").asInt());
        List<MimeMessage> emails = awaitEmails(tenant, 2);
        assertEquals(List.of("ada@" + tenant + ".example", "bob@" + tenant + ".example"), recipients(emails));
        MimeMessage email = emails.get(0);
        assertTrue(email.getSubject().startsWith("[Strongroom] Planned maintenance from "), email.getSubject());
        String text = (String) email.getContent();
        assertTrue(text.contains("Database upgrade") && text.contains("carries no file content"), text);

        ApiClient.Response again = api.postJson("/api/maintenance-notices", api.platformAdmin(), body);
        assertEquals(first.json().get("maintenanceId"), again.json().get("maintenanceId"));
        Thread.sleep(1500);
        assertEquals(2, emailsTo(tenant).size(), "posting the same announcement again sends nothing twice");

        JsonNode notices = awaitNotice(tenant, "maintenance");
        assertEquals(2, notices.get("deliveries").get("sent").asInt(), notices.toString());
        assertEquals(false, notices.get("unreachable").asBoolean());
    }

    @Test
    void aSupportEngineersFirstUseOfAGrantIsToldToTheAdmins() throws Exception {
        String engineer = api.token("support-9", Optional.empty(), "Support.Engineer");
        ApiClient.Response grant = api.postJson("/api/tenants/" + tenant + "/consent-grants", admin,
                "{\"grantee\":\"" + api.objectId("support-9", Optional.empty()) + "\",\"scope\":\"tenant\","
                        + "\"permissions\":[\"metadata:read\"],\"purpose\":\"ticket\",\"ticket\":\"T-1\","
                        + "\"expiresAt\":\"default\"}");
        assertEquals(201, grant.status(), grant.text());
        String grantId = grant.json().get("id").asText();
        assertEquals(200, api.get("/api/tenants/" + tenant + "/assets", engineer).status());
        assertEquals(200, api.get("/api/tenants/" + tenant + "/assets", engineer).status());
        List<MimeMessage> emails = awaitEmails(tenant, 2);
        assertTrue(((String) emails.get(0).getContent()).contains(grantId));
        Thread.sleep(1000);
        assertEquals(2, emailsTo(tenant).size(), "one notice per grant, however often it is used");
        assertEquals("consent.first-use", awaitNotice(tenant, "consent.first-use").get("kind").asText());
    }

    @Test
    void badMaintenanceNoticesAreRefusedAndSendNothing() throws Exception {
        String staff = api.platformAdmin();
        Instant from = Instant.now().plus(Duration.ofDays(1));
        List<String> bad = List.of(
                "{\"window\":{\"from\":\"" + from + "\",\"to\":\"" + from.minusSeconds(60) + "\"},\"tenants\":\"all\",\"text\":\"x\"}",
                "{\"window\":{\"from\":\"" + from.minus(Duration.ofDays(3)) + "\",\"to\":\"" + from.minus(Duration.ofDays(2))
                        + "\"},\"tenants\":\"all\",\"text\":\"already over\"}",
                maintenance("[\"" + tenant + "\",\"no-such-tenant\"]", "x"),
                maintenance("\"some\"", "x"),
                maintenance("[]", "x"),
                maintenance("[\"" + tenant + "\"]", "\u202Ehidden"),
                "{\"window\":{\"from\":\"tomorrow\",\"to\":\"later\"},\"tenants\":\"all\",\"text\":\"x\"}",
                "{\"window\":{\"from\":\"" + from + "\",\"to\":\"" + from.plusSeconds(60) + "\"},\"tenants\":\"all\","
                        + "\"text\":\"x\",\"priority\":\"high\"}");
        for (String body : bad) {
            ApiClient.Response r = api.postJson("/api/maintenance-notices", staff, body);
            assertEquals(400, r.status(), body + " -> " + r.text());
            assertProblem(r, "invalid-request");
        }
        ApiClient.Response byAdmin = api.postJson("/api/maintenance-notices", admin, maintenance("\"all\"", "x"));
        assertEquals(403, byAdmin.status());
        Thread.sleep(1000);
        assertEquals(List.of(), emailsTo(tenant));
        assertEquals(0, api.get("/api/tenants/" + tenant + "/notices", admin).json().get("notices").size());
    }

    private static String maintenance(String tenants, String text) {
        Instant from = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return "{\"window\":{\"from\":\"" + from + "\",\"to\":\"" + from.plus(Duration.ofHours(2)) + "\"},"
                + "\"tenants\":" + tenants + ",\"text\":\"" + text + "\"}";
    }

    private JsonNode awaitNotice(String tenant, String kind) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode n : api.get("/api/tenants/" + tenant + "/notices", admin).json().get("notices")) {
                if (n.get("kind").asText().equals(kind) && n.get("deliveries").get("pending").asInt() == 0
                        && n.get("deliveries").get("sending").asInt() == 0) {
                    return n;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + kind + " notice finished for " + tenant);
    }

    static List<MimeMessage> awaitEmails(String tenant, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        List<MimeMessage> emails = emailsTo(tenant);
        while (emails.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            emails = emailsTo(tenant);
        }
        assertEquals(count, emails.size(), "emails to " + tenant);
        return emails;
    }

    /** The outbox's messages to a tenant's addresses, by recipient. */
    static List<MimeMessage> emailsTo(String tenant) {
        Path outbox = Path.of(TestStack.shared().values().get("LOCAL_OUTBOX_DIR"));
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<MimeMessage> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                    if (message.getAllRecipients()[0].toString().endsWith("@" + tenant + ".example")) {
                        out.add(message);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        out.sort(java.util.Comparator.comparing(m -> recipients(List.of(m)).get(0)));
        return out;
    }

    static List<String> recipients(List<MimeMessage> emails) {
        return emails.stream().map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
    }
}
