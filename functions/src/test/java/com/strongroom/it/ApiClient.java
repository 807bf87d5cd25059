package com.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.TenantId;
import com.strongroom.local.DevIssuer;
import com.strongroom.local.LocalDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Calls the local host over real HTTP, with dev tokens. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final DevIssuer issuer;
    private final LocalDirectory directory;
    private final Map<String, EntraTenantId> registered;
    private final boolean contractChecked;

    ApiClient(URI base, DevIssuer issuer, LocalDirectory directory) {
        this(base, issuer, directory, new ConcurrentHashMap<>(), true);
    }

    private ApiClient(URI base, DevIssuer issuer, LocalDirectory directory, Map<String, EntraTenantId> registered,
                      boolean contractChecked) {
        this.base = base;
        this.issuer = issuer;
        this.directory = directory;
        this.registered = registered;
        this.contractChecked = contractChecked;
    }

    /**
     * The same client without the contract check, for tests of what the Functions host itself answers before any
     * function runs (an empty 500 from the worker's binding, an unknown route): the document describes the API.
     */
    public ApiClient outsideContract() {
        return new ApiClient(base, issuer, directory, registered, false);
    }

    public record Response(int status, String contentType, JsonNode json, byte[] bytes, HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * A token for the user {@code name} of the Entra tenant registered on {@code tenant} or, with no tenant, for a
     * member of the vendor's tenant with MFA (staff).
     */
    public String token(String name, Optional<String> tenant, String... roles) {
        return tenant.map(t -> issuer.customer(entraTenantOf(t), name, List.of(roles), Duration.ofMinutes(10)))
                .orElseGet(() -> issuer.staff(name, List.of(roles), true, Duration.ofMinutes(10)));
    }

    /** A token for any identity the dev issuer can describe (an application, a guest, staff without MFA). */
    public String token(DevIssuer.Identity who, String... roles) {
        return issuer.mint(who, List.of(roles), Duration.ofMinutes(10));
    }

    public String platformAdmin() {
        return token("platform-admin", Optional.empty(), "Platform.Admin");
    }

    /**
     * The Entra tenant registered on {@code tenant} of this stamp; remembered, as it never changes, so tokens can
     * still be minted while a test has the emulators stopped.
     */
    public EntraTenantId entraTenantOf(String tenant) {
        return registered.computeIfAbsent(tenant, t -> directory.entraTenantOf(TenantId.of(t))
                .orElseThrow(() -> new IllegalStateException("tenant " + t + " has no Entra tenant here")));
    }

    /** The object id of {@code name} as a user of the tenant's Entra tenant, or as staff with no tenant. */
    public String objectId(String name, Optional<String> tenant) {
        return DevIssuer.objectIdFor(tenant.map(this::entraTenantOf).orElse(issuer.vendorTenant()), name);
    }

    /** How the audit trail names {@code name}: {@code <oid>@<tid>}. */
    public String actor(String name, Optional<String> tenant) {
        return objectId(name, tenant) + "@" + tenant.map(this::entraTenantOf).orElse(issuer.vendorTenant());
    }

    /** A new Entra tenant, registered in the shared directory on {@code tenant} of another {@code region}. */
    public EntraTenantId registeredElsewhere(String tenant, String region) {
        EntraTenantId entraTenant = EntraTenantId.of(UUID.randomUUID().toString());
        directory.registerElsewhere(new DirectoryEntry(entraTenant, TenantId.of(tenant),
                Region.fromAzureName(region).orElseThrow()));
        return entraTenant;
    }

    public DevIssuer issuer() {
        return issuer;
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
            if (contractChecked) {
                List<String> violations = OpenApiContract.document().violations(method, request.build().uri()
                        .getRawPath(), response.statusCode(), type, response.body());
                if (!violations.isEmpty()) {
                    throw new AssertionError("docs/openapi.json does not describe this response: " + violations
                            + " body: " + new String(response.body(), 0, Math.min(500, response.body().length),
                            StandardCharsets.UTF_8));
                }
            }
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

    /** Waits (at most a minute) until an erasure request reaches {@code state}, as the queue runner works it; returns it. */
    public JsonNode awaitErasure(String tenant, String erasureId, String state) {
        return awaitState("/api/tenants/" + tenant + "/erasure-requests/" + erasureId,
                token("erasure-watcher", Optional.of(tenant), "Tenant.Admin"), state);
    }

    public JsonNode awaitExport(String tenant, String exportId, String state) {
        return awaitState("/api/tenants/" + tenant + "/exports/" + exportId,
                token("export-watcher", Optional.of(tenant), "Tenant.Admin"), state);
    }

    /** Polls {@code path} until its {@code state} is {@code state}, for at most a minute. */
    public JsonNode awaitState(String path, String reader, String state) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Response r = get(path, reader);
        while (System.nanoTime() < deadline) {
            r = get(path, reader);
            if (r.status() == 200 && state.equals(r.json().get("state").asText())) {
                return r.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(path + " did not become " + state + ": " + r.status() + " " + r.text());
    }
}
