package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.testing.ExportPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Exports end to end through the local host, its queue runner, Cosmos DB and Azurite: requested, built by the
 * {@code tenant-jobs} job, downloaded in ranges, and accepted by an independent BagIt validator, the Library of
 * Congress's {@code bagit} (PyPI, pinned in src/test/resources/bagit), in a virtual environment this test creates.
 */
class ExportRoutesIT {
    private static final Path VENV = TestStack.PROJECT.resolve("target/bagit-venv");
    private static ApiClient api;

    @TempDir
    Path work;

    private String tenant;
    private String admin;
    private String contributor;

    @BeforeAll
    static void setUp() throws Exception {
        api = TestStack.shared().api();
        if (!Files.isExecutable(VENV.resolve("bin/bagit.py"))) {
            run(List.of("python3", "-m", "venv", VENV.toString()));
            run(List.of(VENV.resolve("bin/pip").toString(), "install", "--quiet", "--disable-pip-version-check", "-r",
                    TestStack.PROJECT.resolve("functions/src/test/resources/bagit/requirements-bagit.txt").toString()));
        }
    }

    @BeforeEach
    void tenant() {
        tenant = api.createTenant("export-" + UUID.randomUUID().toString().substring(0, 8));
        admin = api.token("admin-1", Optional.of(tenant), "Tenant.Admin");
        contributor = api.token("contributor-1", Optional.of(tenant), "Asset.Contributor");
    }

    private byte[] upload(String name, int size, String... subjects) {
        byte[] content = new byte[size];
        new Random(name.hashCode()).nextBytes(content);
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/octet-stream",
                "X-Asset-Name", name));
        if (subjects.length > 0) {
            headers.put("X-Asset-Subjects", String.join(",", subjects));
        }
        ApiClient.Response r = api.exchange("POST", "/api/tenants/" + tenant + "/assets", contributor, headers,
                content);
        assertEquals(201, r.status(), r.text());
        return content;
    }

    private JsonNode awaitReady(String location) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonNode export = api.get(location, admin).json();
            String state = export.get("state").asText();
            if (state.equals("ready") || state.equals("failed")) {
                return export;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the export stayed " + state);
            }
            Thread.sleep(200);
        }
    }

    /** The whole package, in ranges of at most 1 MiB, each checked to be where Content-Range says. */
    private byte[] download(String href, long length) {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        long step = 1024 * 1024;
        for (long first = 0; first < length; first += step) {
            long last = Math.min(length, first + step) - 1;
            ApiClient.Response part = api.exchange("GET", href, admin, Map.of("Range", "bytes=" + first + "-" + last),
                    null);
            assertEquals(206, part.status(), part.text());
            assertEquals("bytes " + first + "-" + last + "/" + length, part.header("Content-Range"));
            whole.writeBytes(part.bytes());
        }
        return whole.toByteArray();
    }

    @Test
    void aTenantAdminsExportIsAValidBagThatTheLibraryOfCongressValidatorAccepts() throws Exception {
        byte[] report = upload("report.pdf", 3 * 1024 * 1024 + 11);
        upload("notes.txt", 12);
        upload("empty.bin", 0);

        ApiClient.Response requested = api.postJson("/api/tenants/" + tenant + "/exports", admin, "{}");
        assertEquals(202, requested.status(), requested.text());
        String location = requested.header("Location");
        assertEquals("queued", requested.json().get("state").asText());
        JsonNode ready = awaitReady(location);
        assertEquals("ready", ready.get("state").asText(), ready.toString());
        assertEquals(3, ready.get("progress").get("assetsDone").asInt());
        long length = ready.get("package").get("length").asLong();
        byte[] zip = download(ready.get("package").get("href").asText(), length);
        assertEquals(length, zip.length);

        ExportPackages.Bag bag = ExportPackages.check(zip, api.get("/api/signing-keys", null).text(), work);
        Path unpacked = unzip(zip, work.resolve("unpacked"));
        Path bagDir = unpacked.resolve(bag.root());
        Process validator = new ProcessBuilder(VENV.resolve("bin/bagit.py").toString(), "--validate", bagDir.toString())
                .redirectErrorStream(true).start();
        String output = new String(validator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(validator.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, validator.exitValue(), output);
        assertTrue(output.contains("is valid"), output);
        assertTrue(bag.files().values().stream().anyMatch(b -> java.util.Arrays.equals(b, report)));

        // The validator is not vacuous: one changed byte of a file and it refuses the bag.
        Path file = Files.walk(bagDir.resolve("data/assets")).filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().equals("notes.txt")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 1;
        Files.write(file, bytes);
        Process refused = new ProcessBuilder(VENV.resolve("bin/bagit.py").toString(), "--validate", bagDir.toString())
                .redirectErrorStream(true).start();
        String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(refused.waitFor(2, TimeUnit.MINUTES));
        assertNotEquals(0, refused.exitValue(), refusal);
    }

    @Test
    void anArchiveManagerGetsADataSubjectsOwnCopyWithOnlyTheirFiles() throws Exception {
        byte[] theirs = upload("jane.pdf", 2_000, "jane.doe@example.com");
        upload("john.pdf", 3_000, "john@example.com");
        String manager = api.token("manager-1", Optional.of(tenant), "Archive.Manager");

        ApiClient.Response requested = api.postJson("/api/tenants/" + tenant + "/subject-exports", manager,
                "{\"subjects\":[\"Jane.Doe@Example.com\"],\"reference\":\"DSR-7\"}");
        assertEquals(202, requested.status(), requested.text());
        assertEquals("data-subject", requested.json().get("kind").asText());
        assertTrue(requested.header("Location").contains("/subject-exports/"));
        JsonNode ready = api.awaitState(requested.header("Location"), manager, "ready");
        long length = ready.get("package").get("length").asLong();
        ApiClient.Response whole = api.get(ready.get("package").get("href").asText(), manager);
        assertEquals(200, whole.status(), whole.text());
        assertEquals(length, whole.bytes().length);

        ExportPackages.Bag bag = ExportPackages.check(whole.bytes(), api.get("/api/signing-keys", null).text(), work);
        assertEquals(1, bag.payload().stream().filter(p -> p.startsWith("data/assets/")).count());
        assertTrue(bag.files().values().stream().anyMatch(b -> java.util.Arrays.equals(b, theirs)));
        assertEquals("DSR-7", bag.info().get("Strongroom-Reference"));
        assertEquals(404, api.get(requested.header("Location").replace("subject-exports", "exports"), admin)
                .status(), "a subject's copy is not one of the tenant's exports");
        assertEquals(400, api.postJson("/api/tenants/" + tenant + "/subject-exports", manager,
                "{\"subjects\":[]}").status());
        assertEquals(400, api.postJson("/api/tenants/" + tenant + "/subject-exports", manager,
                "{\"subjects\":[\"a@b.example\"],\"name\":\"Jane\"}").status());
    }

    @Test
    void badRequestsAreClearProblemsThatChangeNothing() {
        String exports = "/api/tenants/" + tenant + "/exports";
        ApiClient.Response unknown = api.postJson(exports, admin, "{\"everything\":true}");
        assertEquals(400, unknown.status(), unknown.text());
        assertEquals("application/problem+json", unknown.contentType());
        assertEquals(403, api.postJson(exports, contributor, "{}").status());
        assertEquals(400, api.get(exports + "/not-an-id", admin).status());
        assertEquals(404, api.get(exports + "/" + UUID.randomUUID(), admin).status());
        assertEquals(404, api.get(exports + "/" + UUID.randomUUID() + "/content", admin).status());
        assertEquals(0, api.get(exports, admin).json().get("exports").size());

        String other = api.createTenant("export-other-" + UUID.randomUUID().toString().substring(0, 8));
        String otherAdmin = api.token("admin-9", Optional.of(other), "Tenant.Admin");
        String mine = api.postJson(exports, admin, "").header("Location");
        assertEquals(403, api.get(mine, otherAdmin).status());
        assertEquals(404, api.get(mine.replace(tenant, other), otherAdmin).status());
    }

    /** Unpacks with the JDK's ZipFile, which reads the central directory as every unzip tool does. */
    private static Path unzip(byte[] zip, Path to) throws IOException {
        Path file = Files.write(to.resolveSibling("package.zip"), zip);
        try (ZipFile archive = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            for (ZipEntry entry : archive.stream().toList()) {
                Path target = to.resolve(entry.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("entry outside the archive's directory: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                try (InputStream data = archive.getInputStream(entry)) {
                    Files.copy(data, target);
                }
            }
        }
        return to;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed: " + output));
        }
    }
}
