package com.strongroom.adapters.keys;

import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stamp's signing key in Key Vault (RSA, created and rotated by the infrastructure). Signing happens in the
 * vault with the current version, looked up again every {@link #CURRENT_VERSION_TTL} so a rotation is picked up;
 * the public keys of its versions are read once and cached, so old checkpoints verify after a rotation.
 */
final class KeyVaultSigningKey implements SigningKey {
    static final Duration CURRENT_VERSION_TTL = Duration.ofMinutes(10);

    private record Current(String keyId, long readAtNanos) {
    }

    private final KeyVaultClients vault;
    private final String name;
    private final Map<String, RSAPublicKey> publicKeys = new ConcurrentHashMap<>();
    private volatile Current current;

    KeyVaultSigningKey(KeyVaultClients vault, String name) {
        this.vault = vault;
        this.name = name;
    }

    @Override
    public String keyId() {
        Current known = current;
        if (known == null || System.nanoTime() - known.readAtNanos() > CURRENT_VERSION_TTL.toNanos()) {
            known = new Current(KeyVaultClients.call(() -> vault.keys().getKey(name).getId()), System.nanoTime());
            current = known;
        }
        return known.keyId();
    }

    @Override
    public byte[] signRs256(byte[] data) {
        return KeyVaultClients.call(() -> vault.crypto(keyId(), name + "/")
                .signData(SignatureAlgorithm.RS256, data).getSignature());
    }

    @Override
    public Optional<RSAPublicKey> publicKey(String keyId) {
        String prefix = vault.vaultUrl() + "/keys/" + name + "/";
        if (!keyId.startsWith(prefix) || keyId.substring(prefix.length()).contains("/")) {
            return Optional.empty();
        }
        return Optional.of(publicKeys.computeIfAbsent(keyId, id -> KeyVaultClients.call(() -> (RSAPublicKey)
                vault.keys().getKey(name, id.substring(prefix.length())).getKey().toRsa(false).getPublic())));
    }

    @Override
    public Map<String, RSAPublicKey> publicKeys() {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        KeyVaultClients.call(() -> {
            vault.keys().listPropertiesOfKeyVersions(name).forEach(version -> {
                if (Boolean.TRUE.equals(version.isEnabled())) {
                    publicKey(version.getId()).ifPresent(key -> keys.put(version.getId(), key));
                }
            });
            return null;
        });
        return keys;
    }
}
