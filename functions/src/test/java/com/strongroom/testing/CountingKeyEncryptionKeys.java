package com.strongroom.testing;

import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.tenant.KeyBindings;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** KEKs as AES keys held here, counting unwraps; stands in for Key Vault in the core's tests. */
public final class CountingKeyEncryptionKeys implements KeyEncryptionKeys {
    private final Map<String, byte[]> keys = new HashMap<>();
    public final AtomicInteger unwraps = new AtomicInteger();

    @Override
    public String create(TenantId tenant) {
        String id = "kek:" + tenant + "/" + keys.size();
        keys.put(id, Aes256Gcm.newKey());
        return id;
    }

    @Override
    public byte[] wrap(String kekId, byte[] key) {
        return Aes256Gcm.seal(keys.get(kekId), key, kekId.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] unwrap(String kekId, byte[] wrappedKey) {
        unwraps.incrementAndGet();
        return Aes256Gcm.open(keys.get(kekId), wrappedKey, kekId.getBytes(StandardCharsets.UTF_8));
    }

    /** How many KEK versions were made. */
    public int keyCount() {
        return keys.size();
    }

    /** Forgets a KEK, as a disabled or purged key version in Key Vault. */
    public void destroy(String kekId) {
        keys.remove(kekId);
    }

    @Override
    public void destroy(TenantId tenant) {
        keys.keySet().removeIf(id -> id.startsWith("kek:" + tenant + "/"));
    }

    /** Whether any version of the tenant's KEK is left. */
    public boolean holdsKeyOf(TenantId tenant) {
        return keys.keySet().stream().anyMatch(id -> id.startsWith("kek:" + tenant + "/"));
    }

    /** A new tenant's first key generation: a KEK made here, a fresh TDK under it, a blind-index key under that. */
    public TenantKeys newTenantKeys(TenantId tenant) {
        String kekId = create(tenant);
        byte[] tdk = Aes256Gcm.newKey();
        return new TenantKeys(kekId, 1, wrap(kekId, tdk),
                Aes256Gcm.seal(tdk, Aes256Gcm.newKey(), KeyBindings.blindIndexKey(tenant, 1)));
    }
}
