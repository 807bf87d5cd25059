package com.strongroom.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Content format v1 (docs/formats.md): known answers computed independently (Python's {@code cryptography}
 * AESGCM), and every way of tampering with stored content refused without releasing plaintext.
 */
class ContentFormatTest {
    static final byte[] DEK = new byte[32];
    static final String ASSET = "asset-0001";
    static final int S = ContentFormat.SEGMENT_BYTES;

    static {
        for (int i = 0; i < 32; i++) {
            DEK[i] = (byte) i;
        }
    }

    /** 64 KiB + 100 bytes, byte j = (7j + 3) mod 256. */
    static byte[] knownPlaintext() {
        byte[] plaintext = new byte[S + 100];
        for (int j = 0; j < plaintext.length; j++) {
            plaintext[j] = (byte) ((j * 7 + 3) % 256);
        }
        return plaintext;
    }

    /** Segment i's nonce is twelve bytes of value i + 1 (known-answer tests only). */
    static ContentFormat.Encryptor knownNonces(String asset) {
        AtomicInteger next = new AtomicInteger(1);
        return new ContentFormat.Encryptor(DEK, asset, nonce -> Arrays.fill(nonce, (byte) next.getAndIncrement()));
    }

    static byte[] storeWithKnownNonces(byte[] plaintext, String asset) {
        ContentFormat.Encryptor encryptor = knownNonces(asset);
        long segments = ContentFormat.segmentCount(plaintext.length);
        byte[] stored = new byte[(int) ContentFormat.storedLength(plaintext.length)];
        for (int i = 0; i < segments; i++) {
            boolean last = i == segments - 1;
            int length = last ? plaintext.length - i * S : S;
            encryptor.segment(i, last, plaintext, i * S, length, stored, (int) ContentFormat.storedOffset(i));
        }
        return stored;
    }

    static byte[] decrypt(byte[] stored, String asset, long plaintextLength, long from, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = from / S;
        ContentFormat.decrypt(DEK, asset, plaintextLength, from, length, new ByteArrayInputStream(stored,
                (int) ContentFormat.storedOffset(first), stored.length), out);
        return out.toByteArray();
    }

    @Test
    void associatedDataIsTheDocumentedLayout() {
        assertEquals("53523161737365742d30303031000000000000000000",
                HexFormat.of().formatHex(ContentFormat.aad(ASSET, 0, false)));
    }

    @Test
    void storedFormMatchesTheKnownAnswer() throws Exception {
        byte[] stored = storeWithKnownNonces(knownPlaintext(), ASSET);
        assertEquals(65692, stored.length);
        assertEquals("ac637f8af187d2be86b36abb7436448416f6b5d1bfedb77a900dfbe0a630f6d7",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));
        assertEquals("020202020202020202020202982208a3a6ff1c6ff0c7eba86427bf7f6f932ee41bc2e555e9ec68c3b0a59c1e3312299a"
                + "e030feccc248ab81ddc60bd421836df529dfa5e08740d312bab7dbe81f0982b5e0ccb26511bf04d75b202fcace8cceffed93"
                + "e3835ccfd82f2407bd35e235bd69499f322365b63f7bee744df3ecc40bc7",
                HexFormat.of().formatHex(Arrays.copyOfRange(stored, S + 28, stored.length)));
        assertArrayEquals(knownPlaintext(), decrypt(stored, ASSET, S + 100, 0, S + 100));
    }

    @Test
    void anEmptyFileIsOneEmptyAuthenticatedSegment() {
        byte[] stored = storeWithKnownNonces(new byte[0], ASSET);
        assertEquals("0101010101010101010101011e2a1acf4a7ec03f78b56595a77e3f9a", HexFormat.of().formatHex(stored));
        assertEquals(1, ContentFormat.segmentCount(0));
    }

    @Test
    void streamingEncryptionRoundTripsAndReportsLengthAndDigest() throws Exception {
        for (int length : new int[] {0, 1, S - 1, S, S + 1, 3 * S, 3 * S + 17}) {
            byte[] plaintext = new byte[length];
            new java.util.Random(length).nextBytes(plaintext);
            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            ContentFormat.Sealed sealed = ContentFormat.encrypt(DEK, ASSET, new ByteArrayInputStream(plaintext), stored);
            assertEquals(length, sealed.plaintextLength());
            assertEquals(ContentFormat.segmentCount(length), sealed.segments());
            assertEquals(ContentFormat.storedLength(length), stored.size());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(plaintext), sealed.sha256());
            assertArrayEquals(plaintext, decrypt(stored.toByteArray(), ASSET, length, 0, length), "length " + length);
        }
    }

    @Test
    void rangesDecryptOnlyTheSegmentsTheyNeed() throws Exception {
        byte[] plaintext = new byte[3 * S + 500];
        new java.util.Random(7).nextBytes(plaintext);
        byte[] stored = ContentFormat.encrypt(DEK, ASSET, plaintext);
        for (long[] range : new long[][] {{0, 1}, {S - 1, 2}, {S, S}, {2 * S + 10, S + 490}, {3 * S + 499, 1}, {5, 0}}) {
            byte[] expected = Arrays.copyOfRange(plaintext, (int) range[0], (int) (range[0] + range[1]));
            assertArrayEquals(expected, decrypt(stored, ASSET, plaintext.length, range[0], range[1]),
                    range[0] + "+" + range[1]);
        }
    }

    private static void assertTampered(byte[] stored, String asset, long plaintextLength) {
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThrows(TamperedException.class, () -> ContentFormat.decrypt(DEK, asset, plaintextLength, 0,
                plaintextLength, new ByteArrayInputStream(stored), released));
        assertEquals(0, released.size() % S, "only whole verified segments may have been released");
    }

    @Test
    void aFlippedBitAnywhereFailsThatSegment() {
        byte[] stored = ContentFormat.encrypt(DEK, ASSET, knownPlaintext());
        for (int position : new int[] {0, 11, 12, S, S + 27, S + 28, S + 28 + 11, stored.length - 1}) {
            byte[] tampered = stored.clone();
            tampered[position] ^= 0x01;
            assertTampered(tampered, ASSET, S + 100);
        }
    }

    @Test
    void aTamperedSecondSegmentReleasesOnlyTheVerifiedFirst() {
        byte[] plaintext = new byte[2 * S];
        byte[] stored = ContentFormat.encrypt(DEK, ASSET, plaintext);
        stored[stored.length - 1] ^= 0x01;
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThrows(TamperedException.class, () -> ContentFormat.decrypt(DEK, ASSET, 2 * S, 0, 2 * S,
                new ByteArrayInputStream(stored), released));
        assertEquals(S, released.size());
    }

    @Test
    void swappedSegmentsFail() {
        byte[] plaintext = new byte[3 * S];
        new java.util.Random(3).nextBytes(plaintext);
        byte[] stored = ContentFormat.encrypt(DEK, ASSET, plaintext);
        byte[] swapped = stored.clone();
        int n = ContentFormat.STORED_SEGMENT_BYTES;
        System.arraycopy(stored, 0, swapped, n, n);
        System.arraycopy(stored, n, swapped, 0, n);
        assertTampered(swapped, ASSET, 3 * S);
    }

    @Test
    void truncatedOrExtendedContentFails() {
        byte[] plaintext = new byte[2 * S + 5];
        byte[] stored = ContentFormat.encrypt(DEK, ASSET, plaintext);
        int n = ContentFormat.STORED_SEGMENT_BYTES;
        assertTampered(Arrays.copyOf(stored, 2 * n), ASSET, 2 * S + 5);
        assertTampered(Arrays.copyOf(stored, stored.length - 1), ASSET, 2 * S + 5);
        byte[] extended = Arrays.copyOf(stored, stored.length + 1);
        assertTampered(extended, ASSET, 2 * S + 5);
        // Dropping the last segment and claiming the shorter length: segment 1 was not stored as a last one.
        assertTampered(Arrays.copyOf(stored, 2 * n), ASSET, 2 * S);
    }

    @Test
    void contentOfAnotherAssetOrUnderAnotherDekFails() {
        byte[] plaintext = knownPlaintext();
        byte[] stored = ContentFormat.encrypt(DEK, "asset-0002", plaintext);
        assertTampered(stored, ASSET, plaintext.length);
        byte[] otherDek = Aes256Gcm.newKey();
        byte[] underOtherKey = ContentFormat.encrypt(otherDek, ASSET, plaintext);
        assertTampered(underOtherKey, ASSET, plaintext.length);
    }

    @Test
    void onlyTheLastSegmentMayBeShort() {
        ContentFormat.Encryptor encryptor = new ContentFormat.Encryptor(DEK, ASSET);
        byte[] out = new byte[ContentFormat.STORED_SEGMENT_BYTES];
        assertThrows(IllegalArgumentException.class, () -> encryptor.segment(0, false, new byte[10], 0, 10, out, 0));
        assertThrows(IllegalArgumentException.class, () -> new ContentFormat.Encryptor(new byte[16], ASSET));
    }
}
