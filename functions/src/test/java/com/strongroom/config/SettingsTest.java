package com.strongroom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.core.model.Region;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

class SettingsTest {
    static Map<String, String> azure() {
        Map<String, String> env = new HashMap<>();
        env.put("STRONGROOM_MODE", "azure");
        env.put("STAMP_REGION", "germanywestcentral");
        env.put("STORAGE__blobServiceUri", "https://stsrgwc.blob.core.windows.net");
        env.put("STORAGE__queueServiceUri", "https://stsrgwc.queue.core.windows.net");
        env.put("EVIDENCE_STORAGE__blobServiceUri", "https://stesrgwc.blob.core.windows.net");
        env.put("COSMOS_ENDPOINT", "https://cosmos-sr-gwc.documents.azure.com:443/");
        env.put("KEYRING_COSMOS_ENDPOINT", "https://cosmos-sr-keyring-gwc.documents.azure.com:443/");
        env.put("KEY_VAULT_URI", "https://kv-sr-gwc.vault.azure.net/");
        env.put("AUTH_CLIENT_ID", "6E2A4F4C-1A1B-4C1D-9E1F-2A3B4C5D6E7F");
        env.put("AUTH_OIDC_METADATA_URL",
                "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration");
        env.put("VENDOR_TENANT_ID", "0e0e0e0e-0000-4000-8000-00000000000f");
        env.put("STAFF_AUTH_CONTEXT", "c1");
        env.put("DIRECTORY_COSMOS_ENDPOINT", "https://cosmos-sr-directory.documents.azure.com:443/");
        env.put("EMAIL_ENDPOINT", "https://acs-sr-gwc.germany.communication.azure.com");
        env.put("EMAIL_SENDER_ADDRESS", "DoNotReply@notices.example.com");
        return env;
    }

    static Map<String, String> sampleValues() throws IOException {
        JsonNode values = new ObjectMapper().readTree(Path.of("local.settings.sample.json").toFile()).get("Values");
        Map<String, String> map = new HashMap<>();
        values.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    @Test
    void readsAzureModeWithIdentityConnectionsOnly() {
        Settings s = Settings.from(azure());
        assertEquals(Mode.AZURE, s.mode());
        assertEquals(Region.GERMANY_WEST_CENTRAL, s.stampRegion());
        assertTrue(s.storageConnectionString().isEmpty());
        assertTrue(s.cosmosKey().isEmpty());
        assertEquals("strongroom", s.cosmosDatabase());
        assertEquals("tenant-jobs", s.queues().tenantJobs());
        assertTrue(s.keyVaultHsm());
        assertEquals("6e2a4f4c-1a1b-4c1d-9e1f-2a3b4c5d6e7f", s.authClientId());
        assertEquals("strongroom-directory", s.directoryCosmosDatabase());
    }

    @Test
    void theIssuerMetadataMustBeFetchedOverHttpsInAzure() {
        Map<String, String> env = azure();
        env.put("AUTH_OIDC_METADATA_URL", "http://login.example/organizations/v2.0/.well-known/openid-configuration");
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(env));
        assertTrue(e.problems().get(0).startsWith("AUTH_OIDC_METADATA_URL must be https"), e.problems().toString());
    }

    @Test
    void identitySettingsMustBeGuidsAndAnAuthenticationContextId() {
        Map<String, String> env = azure();
        env.put("AUTH_CLIENT_ID", "api://strongroom");
        env.put("VENDOR_TENANT_ID", "9188040d-6c67-4c5b-b112-36a304b66dad");
        env.put("STAFF_AUTH_CONTEXT", "mfa");
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(env));
        assertEquals(List.of("AUTH_CLIENT_ID", "VENDOR_TENANT_ID", "STAFF_AUTH_CONTEXT"),
                e.problems().stream().map(p -> p.split(" ")[0]).toList());
    }

    @Test
    void theSampleListsEverySettingAndStartsLocalMode() throws IOException {
        Map<String, String> sample = sampleValues();
        Set<String> missing = new HashSet<>();
        for (Setting setting : Setting.values()) {
            if (!sample.containsKey(setting.key())) {
                missing.add(setting.key());
            }
        }
        assertEquals(Set.of(), missing);
        Settings s = Settings.from(sample);
        assertEquals(Mode.LOCAL, s.mode());
        assertEquals(s.cosmosEndpoint(), s.keyringCosmosEndpoint());
    }

    @Test
    void namesEveryMissingSettingAtOnce() {
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(Map.of("STRONGROOM_MODE", "azure")));
        for (String name : new String[] {"STAMP_REGION", "STORAGE__blobServiceUri", "STORAGE__queueServiceUri",
                "EVIDENCE_STORAGE__blobServiceUri",
                "COSMOS_ENDPOINT", "KEYRING_COSMOS_ENDPOINT", "KEY_VAULT_URI", "AUTH_OIDC_METADATA_URL", "AUTH_CLIENT_ID",
                "VENDOR_TENANT_ID", "STAFF_AUTH_CONTEXT", "DIRECTORY_COSMOS_ENDPOINT", "EMAIL_ENDPOINT",
                "EMAIL_SENDER_ADDRESS"}) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(name + " ")), name + " not named: " + e.problems());
        }
    }

    @Test
    void malformedValuesAreNamedWithoutEchoingThem() {
        Map<String, String> env = azure();
        env.put("STAMP_REGION", "northpole");
        env.put("COSMOS_ENDPOINT", "not a url");
        env.put("ERASURE_QUEUE", "Bad_Queue");
        env.put("KEY_VAULT_HSM", "perhaps");
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(env));
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertFalse(e.getMessage().contains("northpole"));
        assertFalse(e.getMessage().contains("perhaps"));
    }

    @Test
    void azureModeRefusesConnectionStringsKeysAndLocalKeyFiles() {
        Map<String, String> env = azure();
        env.put("STORAGE", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0;");
        env.put("COSMOS_KEY", "c2VjcmV0");
        env.put("LOCAL_KEYS_DIR", "/tmp/keys");
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(env));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertFalse(e.getMessage().contains("c2VjcmV0"));
    }

    @Test
    void unknownModeIsRefused() {
        Map<String, String> env = azure();
        env.put("STRONGROOM_MODE", "staging");
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(env));
        assertTrue(e.problems().get(0).startsWith("STRONGROOM_MODE"));
    }
}
