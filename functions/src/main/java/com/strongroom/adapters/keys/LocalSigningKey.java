package com.strongroom.adapters.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/** Dev only: the stamp's signing key as an RSA-3072 JWK file, created on first use. */
final class LocalSigningKey implements SigningKey {
    static final String FILE = "audit-signing.jwk.json";

    private final RSAKey key;

    LocalSigningKey(Path keysDir) {
        this.key = loadOrCreate(keysDir.resolve(FILE));
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                RSAKey fresh = new RSAKeyGenerator(3072).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
                Files.createDirectories(file.getParent());
                try {
                    Files.writeString(file, fresh.toJSONString(), StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first; use theirs
                }
            }
            return RSAKey.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot load the local signing key", e);
        }
    }

    @Override
    public String keyId() {
        return "local:audit-signing/" + key.getKeyID();
    }

    @Override
    public byte[] signRs256(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.toRSAPrivateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    @Override
    public Optional<RSAPublicKey> publicKey(String keyId) {
        if (!keyId().equals(keyId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("malformed local signing key", e);
        }
    }

    @Override
    public Map<String, RSAPublicKey> publicKeys() {
        return Map.of(keyId(), publicKey(keyId()).orElseThrow());
    }
}
