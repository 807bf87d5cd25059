package com.strongroom.adapters.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.KeyEncryptionKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The Key Vault adapter through the real Key Vault Keys SDK, against the wire-level stand-in. */
class KeyVaultKeyringTest extends KeyEncryptionKeysContract {
    @TempDir
    static Path dir;
    static KeyVaultStandIn vault;
    static KeyVaultKeyring keyring;

    @BeforeAll
    static void start() throws Exception {
        vault = new KeyVaultStandIn(dir);
        keyring = new KeyVaultKeyring(clientsFor(vault), true);
    }

    /** Clients of the stand-in: trusting its certificate, quick retries, challenge resource not checked. */
    static KeyVaultClients clientsFor(KeyVaultStandIn vault) throws Exception {
        HttpClient http = vault.https().trustingClient();
        TokenCredential credential = request -> Mono.just(new AccessToken("test-token",
                OffsetDateTime.now().plusHours(1)));
        return new KeyVaultClients(vault.vaultUrl(), credential, http, new ExponentialBackoffOptions()
                .setMaxRetries(3).setBaseDelay(Duration.ofMillis(10)).setMaxDelay(Duration.ofMillis(50)), false);
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @Override
    KeyEncryptionKeys keyring() {
        return keyring;
    }

    @Test
    void createsAnRsaHsm3072KeyNamedAfterTheTenant() {
        String kekId = keyring.create(TenantId.of("initech"));
        assertTrue(kekId.startsWith(vault.vaultUrl() + "/keys/tenant-initech/"), kekId);
        assertEquals(3072, vault.keySize(kekId));
        assertEquals("RSA-HSM", vault.keyType(kekId));
    }

    @Test
    void answersTheBearerChallengeBeforeTheFirstCall() {
        keyring.create(TenantId.of("hooli"));
        assertTrue(vault.calls("challenge") >= 1);
    }

    @Test
    void retriesThrottlingAndTransientErrorsThenSucceeds() {
        String kekId = keyring.create(TenantId.of("acme"));
        byte[] tdk = Aes256Gcm.newKey();
        byte[] wrapped = keyring.wrap(kekId, tdk);
        int before = vault.calls("unwrapkey");
        vault.failNext(429, 2);
        vault.failNext(503, 1);
        assertArrayEquals(tdk, keyring.unwrap(kekId, wrapped));
        assertEquals(before + 1, vault.calls("unwrapkey"));
        assertEquals(2, vault.calls("injected-429"));
    }

    @Test
    void persistentFailureIsReportedAsTheKeyServiceBeingUnavailable() {
        String kekId = keyring.create(TenantId.of("acme"));
        vault.failNext(500, 10);
        try {
            DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                    () -> keyring.wrap(kekId, Aes256Gcm.newKey()));
            assertEquals(com.strongroom.core.error.Dependency.KEY_VAULT, e.dependency());
            int failed = vault.calls("injected-500");
            assertTrue(failed >= 4 && failed < 10, "each call is tried once and retried three times, then given up: "
                    + failed);
        } finally {
            vault.clearFailures();
        }
    }
}
