package com.strongroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.local.FunctionCatalog;
import com.strongroom.local.HostConfig;
import com.strongroom.local.LocalHost;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two app instances on the same stores, each with its own Cosmos DB client (so its own session): a grant given or
 * revoked through one acts on the very next request to the other. In Azure that rests on the grant read being a
 * quorum read of the latest committed version (CosmosGrantStore), not on the writer's session token.
 */
class RevocationAcrossInstancesIT {
    private static TestStack stack;
    private static LocalHost second;
    private static ApiClient first;
    private static ApiClient other;

    @BeforeAll
    static void twoInstances() throws IOException {
        stack = TestStack.startOwn(Map.of(), List.of());
        Map<String, String> values = new HashMap<>(stack.values());
        values.put("LOCAL_KEYS_DIR", Files.createTempDirectory("strongroom-second").toString());
        second = LocalHost.start(values, 0, HostConfig.read(TestStack.PROJECT.resolve("host.json")),
                FunctionCatalog.appFunctionClasses());
        first = stack.api();
        other = new ApiClient(second.baseUri(), second.devIssuer(), second.directory());
    }

    @AfterAll
    static void stop() {
        second.close();
        stack.close();
    }

    @Test
    void aGrantAndItsRevocationActOnTheNextRequestToAnotherInstance() {
        String tenant = first.createTenant("two-" + UUID.randomUUID().toString().substring(0, 8));
        String asset = first.exchange("POST", "/api/tenants/" + tenant + "/assets",
                first.token("uploader", Optional.of(tenant), "Asset.Contributor"),
                Map.of("X-Asset-Name", "a.txt", "Content-Type", "application/octet-stream"), "a".getBytes())
                .json().get("id").asText();
        String admin = first.token("admin", Optional.of(tenant), "Tenant.Admin");
        String engineer = other.token("support-2", Optional.empty(), "Support.Engineer");
        String path = "/api/tenants/" + tenant + "/assets/" + asset;
        assertEquals(403, other.get(path, engineer).status());

        String grant = first.postJson("/api/tenants/" + tenant + "/consent-grants", admin, "{\"grantee\":\""
                + other.objectId("support-2", Optional.empty()) + "\",\"scope\":\"tenant\",\"permissions\":"
                + "[\"metadata:read\"],\"purpose\":\"two instances\",\"ticket\":\"T-2\",\"expiresAt\":\"default\"}")
                .json().get("id").asText();
        assertEquals(200, other.get(path, engineer).status(), "the grant acts at once on the other instance");

        assertEquals(204, first.send("DELETE", "/api/tenants/" + tenant + "/consent-grants/" + grant, admin, null,
                null).status());
        assertEquals(403, other.get(path, engineer).status(), "and so does its revocation");
    }
}
