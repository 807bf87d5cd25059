package com.strongroom.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.TamperedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PackageSinkTest {
    private static final String ID = "0b1e5c1e-0000-4000-8000-000000000001";
    private static final int BLOCK = (int) PackageSink.BLOCK_PLAINTEXT_BYTES;
    private final byte[] key = Aes256Gcm.newKey();

    /** Staged blocks by index, as the blob keeps them: a block staged again replaces the one before. */
    private final TreeMap<Integer, byte[]> stored = new TreeMap<>();
    private final List<long[]> checkpoints = new ArrayList<>();

    private PackageSink sink(int resumeBlocks, long resumeChecksum, int failAtBlock) {
        return new PackageSink(new ContentFormat.Encryptor(key, ID), (index, bytes, length) -> {
            if (index == failAtBlock) {
                throw new IllegalStateException("injected: storage down at block " + index);
            }
            byte[] copy = new byte[length];
            System.arraycopy(bytes, 0, copy, 0, length);
            stored.put(index, copy);
        }, (blocks, checksum) -> checkpoints.add(new long[] {blocks, checksum}), resumeBlocks, resumeChecksum);
    }

    private byte[] decryptStored(long length) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] block : stored.values()) {
            all.write(block);
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ContentFormat.decrypt(key, ID, length, 0, length, new ByteArrayInputStream(all.toByteArray()), plain);
        return plain.toByteArray();
    }

    private static void writeInPieces(PackageSink sink, byte[] data, Random random) {
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, 1 + random.nextInt(200_000));
            sink.write(data, at, n);
            at += n;
        }
    }

    @Test
    void storesThePlaintextAsContentFormatSegmentsInBlocksWhateverItsLength() throws IOException {
        Random random = new Random(5);
        for (int length : new int[] {0, 1, ContentFormat.SEGMENT_BYTES, ContentFormat.SEGMENT_BYTES + 1, BLOCK - 1,
                BLOCK, BLOCK + 1, 2 * BLOCK + 12_345}) {
            stored.clear();
            byte[] data = new byte[length];
            random.nextBytes(data);
            PackageSink sink = sink(0, 0, -1);
            writeInPieces(sink, data, random);

            PackageSink.Sealed sealed = sink.finish();

            assertEquals(length, sealed.length());
            assertEquals(ContentFormat.segmentCount(length), sealed.segments());
            assertEquals(stored.size(), sealed.blocks(), "blocks of " + length);
            assertArrayEquals(data, decryptStored(length), "round trip of " + length);
        }
    }

    @Test
    void aResumedSinkStagesOnlyWhatWasNotStoredAndTheWholeStillDecrypts() throws IOException {
        Random random = new Random(8);
        byte[] data = new byte[5 * BLOCK + 777];
        random.nextBytes(data);
        PackageSink first = sink(0, 0, 3);
        assertThrows(IllegalStateException.class, () -> writeInPieces(first, data, random));
        long[] last = checkpoints.get(checkpoints.size() - 1);
        assertEquals(3, last[0]);
        byte[] blockOne = stored.get(1);

        PackageSink resumed = sink((int) last[0], last[1], -1);
        writeInPieces(resumed, data, random);
        PackageSink.Sealed sealed = resumed.finish();

        assertEquals(6, sealed.blocks());
        assertArrayEquals(blockOne, stored.get(1), "block 1 was not staged again");
        assertArrayEquals(data, decryptStored(data.length));
    }

    @Test
    void aResumedSinkThatSeesOtherBytesRefusesToGoOn() {
        Random random = new Random(9);
        byte[] data = new byte[3 * BLOCK + 100];
        random.nextBytes(data);
        PackageSink first = sink(0, 0, 2);
        assertThrows(IllegalStateException.class, () -> writeInPieces(first, data, random));
        long[] last = checkpoints.get(checkpoints.size() - 1);
        data[BLOCK + 5] ^= 1;

        PackageSink resumed = sink((int) last[0], last[1], -1);

        assertThrows(PackageSink.PackageChangedException.class, () -> writeInPieces(resumed, data, random));
    }

    @Test
    void aPackageThatNowEndsBeforeTheStoredBlocksRefusesToFinish() {
        PackageSink resumed = sink(2, 12345, -1);
        resumed.write(new byte[100], 0, 100);

        assertThrows(PackageSink.PackageChangedException.class, resumed::finish);
    }

    @Test
    void blocksOfAnotherPackageOrOrderDoNotDecrypt() throws IOException {
        byte[] data = new byte[2 * BLOCK + 10];
        new Random(2).nextBytes(data);
        PackageSink sink = sink(0, 0, -1);
        sink.write(data, 0, data.length);
        sink.finish();
        byte[] swap = stored.get(0);
        stored.put(0, stored.get(1));
        stored.put(1, swap);

        assertThrows(TamperedException.class, () -> decryptStored(data.length));
    }
}
