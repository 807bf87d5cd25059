package com.strongroom.adapters.keys;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyOperation;
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

    private final KeyClient keys;
    private final TokenCredential credential;
    private final RetryOptions retryOptions;
    private final boolean hardwareProtected;
    private final Map<String, CryptographyClient> cryptoClients = new ConcurrentHashMap<>();

    public KeyVaultKeyring(String vaultUrl, TokenCredential credential, boolean hardwareProtected) {
        this.credential = credential;
        this.hardwareProtected = hardwareProtected;
        this.retryOptions = new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(6).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(20)));
        this.keys = new KeyClientBuilder().vaultUrl(vaultUrl).credential(credential).retryOptions(retryOptions)
                .buildClient();
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
        return call(() -> crypto(kekId).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrappedKey).getKey());
    }

    /** Probe for the health route: lists one page of key properties. */
    public DependencyProbe probe() {
        return DependencyProbe.of("keys", () -> keys.listPropertiesOfKeys().iterableByPage().iterator().hasNext());
    }

    private CryptographyClient crypto(String kekId) {
        return cryptoClients.computeIfAbsent(kekId, id -> new CryptographyClientBuilder().keyIdentifier(id)
                .credential(credential).retryOptions(retryOptions).buildClient());
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
