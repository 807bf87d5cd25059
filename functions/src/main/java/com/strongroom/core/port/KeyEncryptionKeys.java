package com.strongroom.core.port;

import com.strongroom.core.model.TenantId;

/**
 * Per-tenant key-encryption keys (RSA, RSA-OAEP-256). The private half never leaves the key service.
 */
public interface KeyEncryptionKeys {
    /** Creates a new version of the tenant's KEK and returns its versioned id. */
    String create(TenantId tenant);

    byte[] wrap(String kekId, byte[] key);

    byte[] unwrap(String kekId, byte[] wrappedKey);

    /**
     * Deletes every version of the tenant's KEK, after which nothing it wrapped can be unwrapped (Key Vault keeps a
     * deleted key for its soft-delete window, recoverable only by the vault's owners). Deleting it again changes
     * nothing.
     */
    void destroy(TenantId tenant);
}
