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
}
