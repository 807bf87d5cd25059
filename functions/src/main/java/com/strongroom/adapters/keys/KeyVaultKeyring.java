package com.strongroom.adapters.keys;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.DependencyProbe;
import com.strongroom.core.port.KeyEncryptionKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tenant KEKs in Azure Key Vault: RSA 3072 (HSM-protected where the vault is Premium) named
 * {@code tenant-<id>}, used with RSA-OAEP-256 wrap and unwrap. Throttling (429) and transient 5xx answers
 * are retried with exponential backoff that honours {@code Retry-After}.
 */
public final class KeyVaultKeyring implements KeyEncryptionKeys {
    static final int KEY_BITS = 3072;
    private static final int BAD_REQUEST = 400;

    private static final ExponentialBackoffOptions RETRIES = new ExponentialBackoffOptions()
            .setMaxRetries(6).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(20));

    private final String vaultUrl;
    private final HttpClient httpClient;
    private final boolean verifyChallengeResource;
    private final KeyClient keys;
    private final TokenCredential credential;
    private final RetryOptions retryOptions;
    private final boolean hardwareProtected;
    private final Map<String, CryptographyClient> cryptoClients = new ConcurrentHashMap<>();

    public KeyVaultKeyring(String vaultUrl, TokenCredential credential, boolean hardwareProtected) {
        this(vaultUrl, credential, hardwareProtected, null, RETRIES, true);
    }

    /**
     * For a stand-in of the Key Vault REST API: its own HTTP client (a test certificate), quick retries, and no
     * check that the bearer challenge's resource matches the vault's domain (a loopback host never does).
     */
    KeyVaultKeyring(String vaultUrl, TokenCredential credential, boolean hardwareProtected, HttpClient httpClient,
                    ExponentialBackoffOptions retries, boolean verifyChallengeResource) {
        this.vaultUrl = vaultUrl;
        this.credential = credential;
        this.hardwareProtected = hardwareProtected;
        this.httpClient = httpClient;
        this.retryOptions = new RetryOptions(retries);
        this.verifyChallengeResource = verifyChallengeResource;
        KeyClientBuilder builder = new KeyClientBuilder().vaultUrl(vaultUrl).credential(credential)
                .retryOptions(retryOptions).httpClient(httpClient);
        this.keys = (verifyChallengeResource ? builder : builder.disableChallengeResourceVerification()).buildClient();
    }

    @Override
    public String create(TenantId tenant) {
        return call(() -> keys.createRsaKey(new CreateRsaKeyOptions("tenant-" + tenant.value())
                .setKeySize(KEY_BITS)
                .setHardwareProtected(hardwareProtected)
                .setKeyOperations(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY)).getId());
    }

    @Override
    public byte[] wrap(String kekId, byte[] key) {
        return call(() -> crypto(kekId).wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, key).getEncryptedKey());
    }

    @Override
    public byte[] unwrap(String kekId, byte[] wrappedKey) {
        try {
            return call(() -> crypto(kekId).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrappedKey).getKey());
        } catch (DependencyUnavailableException e) {
            if (e.getCause() instanceof HttpResponseException http && http.getResponse().getStatusCode() == BAD_REQUEST) {
                throw new TamperedException("wrapped key does not unwrap under this KEK");
            }
            throw e;
        }
    }

    /** Probe for the health route: lists one page of key properties. */
    public DependencyProbe probe() {
        return DependencyProbe.of("keys", () -> keys.listPropertiesOfKeys().iterableByPage().iterator().hasNext());
    }

    private CryptographyClient crypto(String kekId) {
        if (!kekId.startsWith(vaultUrl.replaceAll("/+$", "") + "/keys/tenant-")) {
            throw new IllegalArgumentException("not a tenant KEK of this vault");
        }
        return cryptoClients.computeIfAbsent(kekId, id -> {
            CryptographyClientBuilder builder = new CryptographyClientBuilder().keyIdentifier(id)
                    .credential(credential).retryOptions(retryOptions).httpClient(httpClient);
            return (verifyChallengeResource ? builder : builder.disableChallengeResourceVerification()).buildClient();
        });
    }

    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException("key not found in Key Vault");
        } catch (HttpResponseException e) {
            throw new DependencyUnavailableException("keyvault", e);
        }
    }
}
