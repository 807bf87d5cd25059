package com.strongroom.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce, sealed as {@code nonce(12) || ciphertext || tag(16)}.
 * Used to wrap keys under keys (blind-index key and DEKs under the TDK); the AAD binds a wrapped key to
 * what it belongs to, so it cannot be moved to another tenant or asset.
 */
public final class Aes256Gcm {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aes256Gcm() {
    }

    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return seal(key, nonce, plaintext, aad);
    }

    /** Seals with a caller-chosen nonce; only for known-answer tests, never reuse a nonce under one key. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        requireKey(key);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, aad);
            byte[] sealed = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Opens a sealed value; throws {@link TamperedException} if it, its nonce or its AAD was changed. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        requireKey(key);
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new TamperedException("sealed value is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedException("authentication tag does not verify");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    private static void requireKey(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
    }
}
