package com.strongroom.adapters.keys;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA-OAEP with SHA-256 and MGF1-SHA-256, as Key Vault's {@code RSA-OAEP-256}. The parameters are explicit
 * because the JCE default for "OAEPWithSHA-256AndMGF1Padding" uses MGF1-SHA-1.
 */
final class RsaOaep256 {
    private static final OAEPParameterSpec PARAMETERS = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private RsaOaep256() {
    }

    static byte[] wrap(Key publicKey, byte[] key) {
        return apply(Cipher.ENCRYPT_MODE, publicKey, key);
    }

    static byte[] unwrap(Key privateKey, byte[] wrapped) {
        return apply(Cipher.DECRYPT_MODE, privateKey, wrapped);
    }

    private static byte[] apply(int mode, Key key, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(mode, key, PARAMETERS);
            return cipher.doFinal(input);
        } catch (javax.crypto.BadPaddingException e) {
            throw new com.strongroom.core.crypto.TamperedException("wrapped key does not unwrap under this KEK");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP-256 is unavailable", e);
        }
    }
}
