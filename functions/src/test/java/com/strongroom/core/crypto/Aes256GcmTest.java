package com.strongroom.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Aes256GcmTest {
    private static final HexFormat HEX = HexFormat.of();

    /** McGrew and Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, 96-bit IV, with AAD). */
    @Test
    void knownAnswerFromTheGcmSpecification() {
        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        byte[] nonce = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] plaintext = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        String ciphertext = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";
        String tag = "76fc6ece0f4e1768cddf8853bb2d551b";

        byte[] sealed = Aes256Gcm.seal(key, nonce, plaintext, aad);
        assertEquals("cafebabefacedbaddecaf888" + ciphertext + tag, HEX.formatHex(sealed));
        assertArrayEquals(plaintext, Aes256Gcm.open(key, sealed, aad));
    }

    @Test
    void everyTamperingIsDetected() {
        byte[] key = Aes256Gcm.newKey();
        byte[] aad = "bound-to".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Aes256Gcm.seal(key, "secret key bytes".getBytes(StandardCharsets.UTF_8), aad);
        for (int i = 0; i < sealed.length; i++) {
            byte[] flipped = sealed.clone();
            flipped[i] ^= 0x01;
            assertThrows(TamperedException.class, () -> Aes256Gcm.open(key, flipped, aad), "bit flip at " + i);
        }
        assertThrows(TamperedException.class, () -> Aes256Gcm.open(key, sealed, "other".getBytes(StandardCharsets.UTF_8)));
        assertThrows(TamperedException.class, () -> Aes256Gcm.open(Aes256Gcm.newKey(), sealed, aad));
        assertThrows(TamperedException.class, () -> Aes256Gcm.open(key, java.util.Arrays.copyOf(sealed, 27), aad));
        assertThrows(IllegalArgumentException.class, () -> Aes256Gcm.open(new byte[16], sealed, aad));
    }

    @Test
    void twoSealsOfTheSameValueDiffer() {
        byte[] key = Aes256Gcm.newKey();
        byte[] a = Aes256Gcm.seal(key, new byte[32], new byte[0]);
        byte[] b = Aes256Gcm.seal(key, new byte[32], new byte[0]);
        assertEquals(12 + 32 + 16, a.length);
        assertThrows(AssertionError.class, () -> assertArrayEquals(a, b));
    }
}
