package com.strongroom.it;

import static com.strongroom.it.AssetRoutesIT.as;
import static com.strongroom.it.AssetRoutesIT.list;
import static com.strongroom.it.AssetRoutesIT.newTenant;
import static com.strongroom.it.AssetRoutesIT.random;
import static com.strongroom.it.TenantRoutesIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upload contract as the real Functions host makes it: only octet-stream and multipart bodies reach Java as
 * bytes, a chunked body reaches it as nothing, and the local host now binds exactly so.
 */
class UploadContractIT {
    private static final TestStack stack = TestStack.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BlobContainerClient blobs;

    @BeforeAll
    static void start() {
        blobs = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE")).buildClient()
                .getBlobContainerClient("assets");
    }

    private static HttpResponse<byte[]> post(String tenant, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.host().baseUri().resolve(
                "/api/tenants/" + tenant + "/assets")).header("Authorization", "Bearer " + as(tenant, "Asset.Contributor"))
                .POST(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] content(String tenant, String asset) {
        ApiClient.Response r = stack.api().get("/api/tenants/" + tenant + "/assets/" + asset + "/content",
                as(tenant, "Asset.Reader"));
        assertEquals(200, r.status(), r.text());
        return r.bytes();
    }

    private static void assertNothingStored(String tenant) {
        assertEquals(List.of(), list(tenant, ""));
        assertFalse(blobs.listBlobsByHierarchy(tenant + "/").iterator().hasNext());
    }

    static byte[] formData(String boundary, String... partsAndContent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < partsAndContent.length; i += 2) {
            out.writeBytes(("--" + boundary + "\r\n" + partsAndContent[i] + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(partsAndContent[i + 1].getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void octetStreamTakesItsTypeFromTheHeaderElseFromTheName() {
        String tenant = newTenant();
        byte[] bytes = random(70_000, 11);
        HttpResponse<byte[]> declared = post(tenant, HttpRequest.BodyPublishers.ofByteArray(bytes),
                "Content-Type", "application/octet-stream", "X-Asset-Name", "clip.bin",
                "X-Asset-Content-Type", "video/mp4");
        assertEquals(201, declared.statusCode(), new String(declared.body(), StandardCharsets.UTF_8));
        assertEquals("video/mp4", json(declared).get("contentType").asText());
        assertArrayEquals(bytes, content(tenant, json(declared).get("id").asText()));

        HttpResponse<byte[]> derived = post(tenant, HttpRequest.BodyPublishers.ofByteArray(bytes),
                "Content-Type", "application/octet-stream", "X-Asset-Name", "photo.PNG");
        assertEquals("image/png", json(derived).get("contentType").asText());
        HttpResponse<byte[]> unknown = post(tenant, HttpRequest.BodyPublishers.ofByteArray(bytes),
                "Content-Type", "application/octet-stream", "X-Asset-Name", "layers.psd");
        assertEquals("application/octet-stream", json(unknown).get("contentType").asText());
    }

    @Test
    void browserFormUploadTakesNameAndTypeFromItsFilePartAndKeepsEveryByte() {
        String tenant = newTenant();
        // binary content holding CRLF and a boundary look-alike must come back byte for byte
        String file = "\u0089PNG\r\n\u001a\n--not-the-boundary\r\n" + new String(random(5000, 3), StandardCharsets.ISO_8859_1);
        byte[] body = formData("XyZ", "Content-Disposition: form-data; name=\"file\"; filename=\"Café menu.png\"\r\n"
                + "Content-Type: image/png", file);
        HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.ofByteArray(body),
                "Content-Type", "multipart/form-data; boundary=XyZ");
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("Café menu.png", json(r).get("name").asText());
        assertEquals("image/png", json(r).get("contentType").asText());
        assertEquals(file.length(), json(r).get("size").asLong());
        assertArrayEquals(file.getBytes(StandardCharsets.ISO_8859_1), content(tenant, json(r).get("id").asText()));

        HttpResponse<byte[]> overridden = post(tenant, HttpRequest.BodyPublishers.ofByteArray(body),
                "Content-Type", "multipart/form-data; boundary=XyZ", "X-Asset-Name", "renamed.bin",
                "X-Asset-Content-Type", "application/x-custom");
        assertEquals("renamed.bin", json(overridden).get("name").asText());
        assertEquals("application/x-custom", json(overridden).get("contentType").asText());

        byte[] generic = formData("b", "Content-Disposition: form-data; name=\"f\"; filename=\"C:\\\\Users\\\\x\\\\report.pdf\"\r\n"
                + "Content-Type: application/octet-stream", "%PDF-1.7");
        HttpResponse<byte[]> fromName = post(tenant, HttpRequest.BodyPublishers.ofByteArray(generic),
                "Content-Type", "multipart/form-data; boundary=b");
        assertEquals(201, fromName.statusCode(), new String(fromName.body(), StandardCharsets.UTF_8));
        assertEquals("report.pdf", json(fromName).get("name").asText());
        assertEquals("application/pdf", json(fromName).get("contentType").asText());
    }

    @Test
    void multipartBodiesThatAreNotExactlyOneFileAreRefusedAndStoreNothing() {
        String tenant = newTenant();
        String file = "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"";
        String field = "Content-Disposition: form-data; name=\"title\"";
        List<byte[]> bodies = List.of(
                formData("b", file, "one", file, "two"),
                formData("b", field, "just a field"),
                formData("b", file, "one", field, "and a field"),
                formData("b", "Content-Disposition: form-data; name=\"file\"; filename=\"\"", "no file chosen"),
                formData("b"),
                "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"cut.txt\"\r\n\r\nno closing boundary"
                        .getBytes(StandardCharsets.US_ASCII));
        for (byte[] body : bodies) {
            HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.ofByteArray(body),
                    "Content-Type", "multipart/form-data; boundary=b");
            assertEquals(400, r.statusCode(), new String(body, StandardCharsets.UTF_8));
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("invalid-request"));
        }
        HttpResponse<byte[]> noBoundary = post(tenant, HttpRequest.BodyPublishers.ofByteArray(formData("b", file, "x")),
                "Content-Type", "multipart/form-data");
        assertEquals(400, noBoundary.statusCode());
        assertNothingStored(tenant);
    }

    @Test
    void aTextBodyFailsInTheWorkerBeforeAnyCodeRunsAsInAzure() {
        String tenant = newTenant();
        for (String type : new String[] {"text/plain", "image/png", "application/json"}) {
            HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.ofString("hello"),
                    "Content-Type", type, "X-Asset-Name", "a.txt");
            assertEquals(500, r.statusCode(), type);
            assertEquals(0, r.body().length, "the host answers a failed binding with no body");
        }
        HttpResponse<byte[]> untyped = post(tenant, HttpRequest.BodyPublishers.ofString("hello"), "X-Asset-Name", "a.txt");
        assertEquals(500, untyped.statusCode());
        assertNothingStored(tenant);
    }

    @Test
    void whatReachesTheFunctionInAnotherMediaTypeIs415NamingWhatIsAccepted() {
        String tenant = newTenant();
        // a JSON array of numbers is the one text the worker turns into bytes; the function then refuses the type
        HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.ofString("[104, 105]"),
                "Content-Type", "text/plain", "X-Asset-Name", "a.txt");
        assertEquals(415, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = json(r);
        assertTrue(problem.get("detail").asText().contains("application/octet-stream"), problem.toString());
        assertTrue(problem.get("detail").asText().contains("multipart/form-data"), problem.toString());
        assertNothingStored(tenant);
    }

    @Test
    void aChunkedUploadIs411AndNotAnEmptyFile() {
        String tenant = newTenant();
        HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(random(1000, 5))),
                "Content-Type", "application/octet-stream", "X-Asset-Name", "streamed.bin");
        assertEquals(411, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("urn:strongroom:problem:length-required"));
        assertNothingStored(tenant);
    }

    @Test
    void anEmptyOctetStreamWithContentLengthIsAnEmptyFile() {
        String tenant = newTenant();
        HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.noBody(),
                "Content-Type", "application/octet-stream", "X-Asset-Name", "empty.txt");
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(0, json(r).get("size").asLong());
        assertEquals("text/plain", json(r).get("contentType").asText());
    }

    @Test
    void aHeaderSentTwiceIsJoinedAsTheHostJoinsIt() {
        String tenant = newTenant();
        HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}),
                "Content-Type", "application/octet-stream", "X-Asset-Name", "x.bin",
                "X-Asset-Subjects", "jane@example.com", "X-Asset-Subjects", "person-7");
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        String id = json(r).get("id").asText();
        assertEquals(List.of(id), list(tenant, "?subject=jane%40example.com"));
        assertEquals(List.of(id), list(tenant, "?subject=person-7"));
    }

    @Test
    void responsesAreChunkedAsTheHostSendsThem() throws Exception {
        String tenant = newTenant();
        HttpResponse<byte[]> r = post(tenant, HttpRequest.BodyPublishers.ofByteArray(random(10, 1)),
                "Content-Type", "application/octet-stream", "X-Asset-Name", "x.bin");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(stack.host().baseUri()
                        + "/api/tenants/" + tenant + "/assets/" + json(r).get("id").asText() + "/content"))
                .header("Authorization", "Bearer " + as(tenant, "Asset.Reader")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertTrue(download.headers().firstValue("Content-Length").isEmpty());
        assertEquals("chunked", download.headers().firstValue("Transfer-Encoding").orElse(""));
    }

    @Test
    void partsAcceptOctetStreamOnlyAndNeedContentLength() {
        String tenant = newTenant();
        String token = as(tenant, "Asset.Contributor");
        ApiClient.Response session = stack.api().postJson("/api/tenants/" + tenant + "/uploads", token,
                "{\"name\":\"v.mp4\",\"size\":3}");
        assertEquals(201, session.status(), session.text());
        URI part = stack.host().baseUri().resolve("/api/tenants/" + tenant + "/uploads/"
                + session.json().get("id").asText() + "/parts/1");
        assertEquals(415, put(part, token, "multipart/form-data; boundary=b", HttpRequest.BodyPublishers.ofByteArray(
                formData("b", "Content-Disposition: form-data; name=\"f\"; filename=\"v.mp4\"", "abc"))));
        assertEquals(415, put(part, token, "text/plain", HttpRequest.BodyPublishers.ofString("[1,2,3]")));
        assertEquals(500, put(part, token, "video/mp4", HttpRequest.BodyPublishers.ofString("abc")));
        assertEquals(411, put(part, token, "application/octet-stream",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[] {1, 2, 3}))));
        assertEquals(200, put(part, token, "application/octet-stream", HttpRequest.BodyPublishers.ofByteArray(
                new byte[] {1, 2, 3})));
    }

    private static int put(URI uri, String token, String contentType, HttpRequest.BodyPublisher body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Content-Type", contentType).PUT(body).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
