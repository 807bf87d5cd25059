package com.strongroom.core.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Content format version 1 (docs/formats.md): the plaintext in segments of {@link #SEGMENT_BYTES} (the last
 * shorter, empty only for an empty file), each stored as {@code nonce(12) || AES-256-GCM ciphertext || tag(16)}
 * with AAD {@code "SR1" || assetId (UTF-8) || uint64 index (big-endian) || lastFlag (1 byte)}, concatenated.
 * Segment i starts at {@code i * (SEGMENT_BYTES + 28)}. One AES-GCM call per segment keeps the JDK fast, and a
 * segment's plaintext is released only after its tag verified (the JDK buffers GCM decryption until then).
 */
public final class ContentFormat {
    public static final int VERSION = 1;
    public static final int SEGMENT_BYTES = 64 * 1024;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    public static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;
    public static final int STORED_SEGMENT_BYTES = SEGMENT_BYTES + OVERHEAD_BYTES;
    private static final byte[] MAGIC = "SR1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContentFormat() {
    }

    /** Number of segments of a plaintext of this length; an empty file still has one (empty) segment. */
    public static long segmentCount(long plaintextLength) {
        return Math.max(1, (plaintextLength + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
    }

    public static long storedLength(long plaintextLength) {
        return plaintextLength + segmentCount(plaintextLength) * OVERHEAD_BYTES;
    }

    public static long storedOffset(long segmentIndex) {
        return segmentIndex * STORED_SEGMENT_BYTES;
    }

    static byte[] aad(String assetId, long index, boolean last) {
        byte[] id = assetId.getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(MAGIC, MAGIC.length + id.length + Long.BYTES + 1);
        System.arraycopy(id, 0, aad, MAGIC.length, id.length);
        for (int i = 0; i < Long.BYTES; i++) {
            aad[MAGIC.length + id.length + i] = (byte) (index >>> (8 * (Long.BYTES - 1 - i)));
        }
        aad[aad.length - 1] = (byte) (last ? 1 : 0);
        return aad;
    }

    /** Encrypts segments of one asset under its DEK. Not thread-safe: one per upload stream or part. */
    public static final class Encryptor {
        private final SecretKeySpec key;
        private final String assetId;
        private final Consumer<byte[]> nonces;
        private final Cipher cipher;

        public Encryptor(byte[] dek, String assetId) {
            this(dek, assetId, RANDOM::nextBytes);
        }

        /** With a chosen nonce source; only for known-answer tests, never reuse a nonce under one key. */
        Encryptor(byte[] dek, String assetId, Consumer<byte[]> nonces) {
            this.key = new SecretKeySpec(requireKey(dek), "AES");
            this.assetId = assetId;
            this.nonces = nonces;
            this.cipher = gcm();
        }

        /**
         * Encrypts segment {@code index} ({@code length} bytes at {@code offset}; a full segment unless
         * {@code last}) into {@code out} at {@code outOffset}; returns the stored length.
         */
        public int segment(long index, boolean last, byte[] plaintext, int offset, int length, byte[] out,
                           int outOffset) {
            checkSegmentLength(length, last);
            byte[] nonce = new byte[NONCE_BYTES];
            nonces.accept(nonce);
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
                cipher.updateAAD(aad(assetId, index, last));
                System.arraycopy(nonce, 0, out, outOffset, NONCE_BYTES);
                return NONCE_BYTES + cipher.doFinal(plaintext, offset, length, out, outOffset + NONCE_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is unavailable", e);
            }
        }
    }

    /** Decrypts segments of one asset under its DEK. Not thread-safe: one per download stream. */
    public static final class Decryptor {
        private final SecretKeySpec key;
        private final String assetId;
        private final Cipher cipher;
        private final byte[] verified = new byte[SEGMENT_BYTES];

        public Decryptor(byte[] dek, String assetId) {
            this.key = new SecretKeySpec(requireKey(dek), "AES");
            this.assetId = assetId;
            this.cipher = gcm();
        }

        /**
         * Decrypts stored segment {@code index} into {@code out} at {@code outOffset} and returns the plaintext
         * length; throws {@link TamperedException}, writing nothing, if it does not authenticate as that segment
         * of this asset.
         */
        public int segment(long index, boolean last, byte[] stored, int offset, int length, byte[] out, int outOffset) {
            // Into a private buffer first: nothing reaches the caller's buffer unless the tag verified.
            int plainLength = segmentIntoPrivate(index, last, stored, offset, length, verified);
            System.arraycopy(verified, 0, out, outOffset, plainLength);
            return plainLength;
        }

        /**
         * As {@link #segment}, but straight into {@code privateOut}, which the caller shows to no one unless this
         * returns: on a failure it may hold bytes that did not authenticate.
         */
        int segmentIntoPrivate(long index, boolean last, byte[] stored, int offset, int length, byte[] privateOut) {
            if (length < OVERHEAD_BYTES || length > STORED_SEGMENT_BYTES || (!last && length != STORED_SEGMENT_BYTES)) {
                throw new TamperedException("segment " + index + " has the wrong length");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, stored, offset, NONCE_BYTES));
                cipher.updateAAD(aad(assetId, index, last));
                return cipher.doFinal(stored, offset + NONCE_BYTES, length - NONCE_BYTES, privateOut, 0);
            } catch (AEADBadTagException e) {
                throw new TamperedException("segment " + index + " does not authenticate");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is unavailable", e);
            }
        }
    }

    /** What an encryption stream saw: the plaintext's length and SHA-256, for the asset document. */
    public record Sealed(long plaintextLength, byte[] sha256, long segments) {
    }

    /** Encrypts a whole plaintext stream into the stored format, one segment in memory at a time. */
    public static Sealed encrypt(byte[] dek, String assetId, InputStream plaintext, OutputStream stored)
            throws IOException {
        Encryptor encryptor = new Encryptor(dek, assetId);
        MessageDigest sha256 = sha256();
        byte[] out = new byte[STORED_SEGMENT_BYTES];
        Segments segments = Segments.of(plaintext);
        long index = 0;
        long total = 0;
        while (segments.advance()) {
            sha256.update(segments.bytes(), segments.offset(), segments.length());
            stored.write(out, 0, encryptor.segment(index++, segments.last(), segments.bytes(), segments.offset(),
                    segments.length(), out, 0));
            total += segments.length();
        }
        return new Sealed(total, sha256.digest(), index);
    }

    /**
     * Decrypts the plaintext bytes {@code [from, from + length)} of an asset of {@code plaintextLength} bytes,
     * reading its stored form from the start of the segment holding {@code from}. Each segment is written out
     * only after it authenticated; a stored form that is cut short or runs on fails as tampered.
     */
    public static void decrypt(byte[] dek, String assetId, long plaintextLength, long from, long length,
                               InputStream storedFromFirstSegment, OutputStream out) throws IOException {
        if (from < 0 || length < 0 || from + length > plaintextLength) {
            throw new IllegalArgumentException("range outside the plaintext");
        }
        Decryptor decryptor = new Decryptor(dek, assetId);
        long lastIndex = segmentCount(plaintextLength) - 1;
        long index = from / SEGMENT_BYTES;
        long skip = from - index * SEGMENT_BYTES;
        long remaining = length;
        byte[] stored = new byte[STORED_SEGMENT_BYTES];
        byte[] plain = new byte[SEGMENT_BYTES];
        // An empty file still has its one empty segment, which must authenticate before "nothing" is released.
        boolean verifyEmpty = plaintextLength == 0;
        while (remaining > 0 || verifyEmpty) {
            verifyEmpty = false;
            boolean last = index == lastIndex;
            int expected = last ? (int) (plaintextLength - index * SEGMENT_BYTES) + OVERHEAD_BYTES : STORED_SEGMENT_BYTES;
            int read = storedFromFirstSegment.readNBytes(stored, 0, expected);
            if (read != expected) {
                throw new TamperedException("stored content ends inside segment " + index);
            }
            if (last && storedFromFirstSegment.read() != -1) {
                throw new TamperedException("stored content runs on after its last segment");
            }
            // plain is this method's own: only the authenticated part of it is ever written out.
            int plainLength = decryptor.segmentIntoPrivate(index, last, stored, 0, read, plain);
            int take = (int) Math.min(remaining, plainLength - skip);
            out.write(plain, (int) skip, take);
            remaining -= take;
            skip = 0;
            index++;
        }
    }

    /** Convenience for small values and tests: the whole stored form of a plaintext. */
    public static byte[] encrypt(byte[] dek, String assetId, byte[] plaintext) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) storedLength(plaintext.length));
            encrypt(dek, assetId, new java.io.ByteArrayInputStream(plaintext), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkSegmentLength(int length, boolean last) {
        if (length < 0 || length > SEGMENT_BYTES || (!last && length != SEGMENT_BYTES)) {
            throw new IllegalArgumentException("a segment other than the last is exactly " + SEGMENT_BYTES + " bytes");
        }
    }

    private static byte[] requireKey(byte[] dek) {
        if (dek == null || dek.length != Aes256Gcm.KEY_BYTES) {
            throw new IllegalArgumentException("a DEK is 32 bytes");
        }
        return dek;
    }

    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** A new SHA-256, the digest of plaintext an asset records. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
