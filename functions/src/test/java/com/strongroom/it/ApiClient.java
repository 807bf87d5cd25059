package com.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.local.DevIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Calls the local host over real HTTP, with dev tokens. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final DevIssuer issuer;

    ApiClient(URI base, DevIssuer issuer) {
        this.base = base;
        this.issuer = issuer;
    }

    public record Response(int status, String contentType, JsonNode json, byte[] bytes, HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A token for a customer user of {@code tenant} (home region: this stamp) or, with no tenant, vendor staff. */
    public String token(String subject, Optional<String> tenant, String... roles) {
        return issuer.mint(subject, tenant, tenant.map(t -> TestStack.STAMP), List.of(roles), Duration.ofMinutes(10));
    }

    public String token(String subject, Optional<String> tenant, Optional<String> homeRegion, String... roles) {
        return issuer.mint(subject, tenant, homeRegion, List.of(roles), Duration.ofMinutes(10));
    }

    public String platformAdmin() {
        return token("platform-admin", Optional.empty(), "Platform.Admin");
    }

    public Response send(String method, String path, String token, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return exchange(method, path, token, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Any request; a JSON or problem+json answer is also parsed into {@code json}. */
    public Response exchange(String method, String path, String token, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = response.body().length == 0 || !type.contains("json") ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), type, json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Response postJson(String path, String token, String body) {
        return send("POST", path, token, "application/json", body);
    }

    /** Creates a tenant as a platform admin and returns its id. */
    public String createTenant(String id) {
        Response r = postJson("/api/tenants", platformAdmin(), "{\"id\":\"" + id + "\",\"displayName\":\"Tenant " + id + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("tenant " + id + " not created: " + r.status() + " " + r.text());
        }
        return id;
    }
}
