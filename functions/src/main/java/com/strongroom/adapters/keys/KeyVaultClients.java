package com.strongroom.adapters.keys;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.NotFoundException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Key Vault clients of one vault, built once and shared: a key client and one cryptography client per key
 * version. Throttling (429) and transient 5xx answers are retried with exponential backoff that honours
 * {@code Retry-After}.
 */
public final class KeyVaultClients {
    private static final ExponentialBackoffOptions RETRIES = new ExponentialBackoffOptions()
            .setMaxRetries(6).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(20));

    private final String vaultUrl;
    private final TokenCredential credential;
    private final HttpClient httpClient;
    private final RetryOptions retryOptions;
    private final boolean verifyChallengeResource;
    private final KeyClient keys;
    private final Map<String, CryptographyClient> cryptoClients = new ConcurrentHashMap<>();

    public KeyVaultClients(String vaultUrl, TokenCredential credential) {
        this(vaultUrl, credential, null, RETRIES, true);
    }

    /**
     * For a stand-in of the Key Vault REST API: its own HTTP client (a test certificate), quick retries, and no
     * check that the bearer challenge's resource matches the vault's domain (a loopback host never does).
     */
    KeyVaultClients(String vaultUrl, TokenCredential credential, HttpClient httpClient,
                    ExponentialBackoffOptions retries, boolean verifyChallengeResource) {
        this.vaultUrl = vaultUrl.replaceAll("/+$", "");
        this.credential = credential;
        this.httpClient = httpClient;
        this.retryOptions = new RetryOptions(retries);
        this.verifyChallengeResource = verifyChallengeResource;
        KeyClientBuilder builder = new KeyClientBuilder().vaultUrl(vaultUrl).credential(credential)
                .retryOptions(retryOptions).httpClient(httpClient);
        this.keys = (verifyChallengeResource ? builder : builder.disableChallengeResourceVerification()).buildClient();
    }

    String vaultUrl() {
        return vaultUrl;
    }

    KeyClient keys() {
        return keys;
    }

    /** The cryptography client of one key version, which must be a key named {@code namePrefix...} of this vault. */
    CryptographyClient crypto(String keyId, String namePrefix) {
        if (!keyId.startsWith(vaultUrl + "/keys/" + namePrefix)) {
            throw new IllegalArgumentException("not a key of this vault");
        }
        return cryptoClients.computeIfAbsent(keyId, id -> {
            CryptographyClientBuilder builder = new CryptographyClientBuilder().keyIdentifier(id)
                    .credential(credential).retryOptions(retryOptions).httpClient(httpClient);
            return (verifyChallengeResource ? builder : builder.disableChallengeResourceVerification()).buildClient();
        });
    }

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException("key not found in Key Vault");
        } catch (HttpResponseException e) {
            throw new DependencyUnavailableException(Dependency.KEY_VAULT, e);
        }
    }
}
