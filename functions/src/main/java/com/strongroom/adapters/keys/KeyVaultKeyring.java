package com.strongroom.adapters.keys;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.DependencyProbe;
import com.strongroom.core.port.KeyEncryptionKeys;

/**
 * Tenant KEKs in Azure Key Vault: RSA 3072 (HSM-protected where the vault is Premium) named
 * {@code tenant-<id>}, used with RSA-OAEP-256 wrap and unwrap.
 */
public final class KeyVaultKeyring implements KeyEncryptionKeys {
    static final int KEY_BITS = 3072;
    private static final String NAME_PREFIX = "tenant-";
    private static final int BAD_REQUEST = 400;

    private final KeyVaultClients vault;
    private final boolean hardwareProtected;

    public KeyVaultKeyring(KeyVaultClients vault, boolean hardwareProtected) {
        this.vault = vault;
        this.hardwareProtected = hardwareProtected;
    }

    @Override
    public String create(TenantId tenant) {
        return KeyVaultClients.call(() -> vault.keys().createRsaKey(new CreateRsaKeyOptions(NAME_PREFIX + tenant.value())
                .setKeySize(KEY_BITS)
                .setHardwareProtected(hardwareProtected)
                .setKeyOperations(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY)).getId());
    }

    @Override
    public byte[] wrap(String kekId, byte[] key) {
        return KeyVaultClients.call(() -> vault.crypto(kekId, NAME_PREFIX)
                .wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, key).getEncryptedKey());
    }

    @Override
    public byte[] unwrap(String kekId, byte[] wrappedKey) {
        try {
            return KeyVaultClients.call(() -> vault.crypto(kekId, NAME_PREFIX)
                    .unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrappedKey).getKey());
        } catch (DependencyUnavailableException e) {
            if (e.getCause() instanceof HttpResponseException http && http.getResponse().getStatusCode() == BAD_REQUEST) {
                throw new TamperedException("wrapped key does not unwrap under this KEK");
            }
            throw e;
        }
    }

    /**
     * Deletes the tenant's key, all its versions at once, and waits until Key Vault reports it deleted. The vault's
     * soft-delete and purge protection then keep it, recoverable by the vault's owners only, for their retention
     * window; a key already deleted (404) is left as it is.
     */
    @Override
    public void destroy(TenantId tenant) {
        try {
            KeyVaultClients.call(() -> vault.keys().beginDeleteKey(NAME_PREFIX + tenant.value()).waitForCompletion());
        } catch (NotFoundException e) {
            return;
        }
    }

    /** Probe for the health route: lists one page of key properties. */
    public DependencyProbe probe() {
        return DependencyProbe.of(Dependency.KEYS, () -> vault.keys().listPropertiesOfKeys().iterableByPage().iterator().hasNext());
    }
}
