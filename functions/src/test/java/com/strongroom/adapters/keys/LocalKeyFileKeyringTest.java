package com.strongroom.adapters.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyFileKeyringTest {
    @TempDir
    Path dir;

    @Test
    void wrapsAndUnwrapsUnderTheTenantsOwnRsa3072Key() throws Exception {
        LocalKeyFileKeyring keyring = new LocalKeyFileKeyring(dir);
        String kekId = keyring.create(TenantId.of("acme"));
        assertTrue(kekId.matches("local:tenant-acme/[0-9a-f]{32}"), kekId);
        byte[] tdk = Aes256Gcm.newKey();
        byte[] wrapped = keyring.wrap(kekId, tdk);
        assertEquals(384, wrapped.length, "RSA-3072 output");
        assertArrayEquals(tdk, keyring.unwrap(kekId, wrapped));
        Path file = dir.resolve("kek/tenant-acme/" + kekId.substring(kekId.indexOf('/') + 1) + ".jwk.json");
        assertEquals(3072, RSAKey.parse(Files.readString(file)).size());
    }

    @Test
    void usesOaepWithSha256ForBothDigestAndMgf1AsKeyVaultDoes() throws Exception {
        LocalKeyFileKeyring keyring = new LocalKeyFileKeyring(dir);
        String kekId = keyring.create(TenantId.of("acme"));
        byte[] tdk = Aes256Gcm.newKey();
        byte[] wrapped = keyring.wrap(kekId, tdk);
        Path file;
        try (var files = Files.walk(dir.resolve("kek"))) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        var privateKey = RSAKey.parse(Files.readString(file)).toRSAPrivateKey();
        Cipher explicit = Cipher.getInstance("RSA/ECB/OAEPPadding");
        explicit.init(Cipher.DECRYPT_MODE, privateKey, new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        assertArrayEquals(tdk, explicit.doFinal(wrapped));
        Cipher jceDefault = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jceDefault.init(Cipher.DECRYPT_MODE, privateKey);
        assertThrows(javax.crypto.BadPaddingException.class, () -> jceDefault.doFinal(wrapped),
                "the JCE default uses MGF1-SHA-1 and must not be what we produce");
    }

    @Test
    void refusesIdsThatCouldEscapeTheKeyFolderAndReportsUnknownKeys() {
        LocalKeyFileKeyring keyring = new LocalKeyFileKeyring(dir);
        assertThrows(IllegalArgumentException.class, () -> keyring.wrap("local:tenant-acme/../../etc/passwd", new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> keyring.wrap("https://kv.vault.azure.net/keys/x/1", new byte[32]));
        assertThrows(NotFoundException.class, () -> keyring.unwrap("local:tenant-acme/0123456789abcdef0123456789abcdef",
                new byte[384]));
    }
}
