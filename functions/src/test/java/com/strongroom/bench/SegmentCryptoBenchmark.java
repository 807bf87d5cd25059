package com.strongroom.bench;

import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.crypto.ContentFormat;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Segment crypto against raw JDK AES-256-GCM over the same 64 KiB buffers, in the same run: encrypt then
 * decrypt {@code MiB} MiB, alternating the two, several rounds; prints each side's median throughput and the
 * ratio (the goal is at least 0.8). Run with {@code scripts/benchmark}.
 */
public final class SegmentCryptoBenchmark {
    private static final int S = ContentFormat.SEGMENT_BYTES;

    private SegmentCryptoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int segments = mib * 16;
        byte[] dek = Aes256Gcm.newKey();
        byte[] plaintext = new byte[S];
        new SecureRandom().nextBytes(plaintext);
        double[] raw = new double[rounds];
        double[] ours = new double[rounds];
        rawGcm(dek, plaintext, segments / 4);
        formatV1(dek, plaintext, segments / 4);
        for (int r = 0; r < rounds; r++) {
            raw[r] = mibPerSecond(mib, rawGcm(dek, plaintext, segments));
            ours[r] = mibPerSecond(mib, formatV1(dek, plaintext, segments));
        }
        double rawMedian = median(raw);
        double oursMedian = median(ours);
        System.out.printf("segment crypto, %d MiB encrypted and decrypted per round, %d rounds (medians)%n", mib, rounds);
        System.out.printf("  raw JDK AES-256-GCM, 64 KiB calls: %8.1f MiB/s%n", rawMedian);
        System.out.printf("  content format v1 segments:        %8.1f MiB/s%n", oursMedian);
        System.out.printf("  ratio: %.2f (goal >= 0.80)%n", oursMedian / rawMedian);
    }

    private static long rawGcm(byte[] dek, byte[] plaintext, int segments) throws GeneralSecurityException {
        SecretKeySpec key = new SecretKeySpec(dek, "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        SecureRandom random = new SecureRandom();
        byte[] nonce = new byte[12];
        byte[] sealed = new byte[S + 16];
        byte[] opened = new byte[S];
        long start = System.nanoTime();
        for (int i = 0; i < segments; i++) {
            random.nextBytes(nonce);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            int n = cipher.doFinal(plaintext, 0, S, sealed, 0);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.doFinal(sealed, 0, n, opened, 0);
        }
        long elapsed = System.nanoTime() - start;
        check(plaintext, opened);
        return elapsed;
    }

    private static long formatV1(byte[] dek, byte[] plaintext, int segments) {
        ContentFormat.Encryptor encryptor = new ContentFormat.Encryptor(dek, "bench-asset");
        ContentFormat.Decryptor decryptor = new ContentFormat.Decryptor(dek, "bench-asset");
        byte[] stored = new byte[ContentFormat.STORED_SEGMENT_BYTES];
        byte[] opened = new byte[S];
        long start = System.nanoTime();
        for (int i = 0; i < segments; i++) {
            int n = encryptor.segment(i, false, plaintext, 0, S, stored, 0);
            decryptor.segment(i, false, stored, 0, n, opened, 0);
        }
        long elapsed = System.nanoTime() - start;
        check(plaintext, opened);
        return elapsed;
    }

    private static void check(byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException("round trip changed the data");
        }
    }

    private static double mibPerSecond(int mib, long nanos) {
        return mib / (nanos / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
