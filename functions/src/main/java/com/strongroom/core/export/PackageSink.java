package com.strongroom.core.export;

import com.strongroom.core.crypto.ContentFormat;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Where a package's plaintext goes: cut into content-format segments, encrypted under the export key, and staged as
 * blocks of {@link #SEGMENTS_PER_BLOCK} stored segments, so memory stays at one block whatever the package's size.
 * <p>
 * Resuming: the first {@code resumeBlocks} blocks are already stored. Their plaintext is written again (the package
 * is a function of what it holds) but neither encrypted nor staged; when it has all gone by, its CRC-32C must equal
 * the one recorded when they were staged, or {@link PackageChangedException} says the package would no longer be the
 * same and must be built from the start. After each full block it stages, {@code staged} records progress.
 */
final class PackageSink extends OutputStream {
    static final int SEGMENTS_PER_BLOCK = 64;
    static final long BLOCK_PLAINTEXT_BYTES = (long) SEGMENTS_PER_BLOCK * ContentFormat.SEGMENT_BYTES;

    /** Stages block {@code index} (its stored bytes). */
    interface Blocks {
        void stage(int index, byte[] stored, int length);
    }

    /** Told after each full block is staged: how many blocks are stored, and the CRC-32C of their plaintext. */
    interface Staged {
        void staged(int blocks, long checksum);
    }

    /** What {@link #finish} stored: the plaintext's length, its segments and the blocks that hold them. */
    record Sealed(long length, long segments, int blocks) {
    }

    /** The bytes written again on resume are not the bytes stored before. */
    static final class PackageChangedException extends RuntimeException {
        PackageChangedException() {
            super("the package's content changed since its first blocks were stored");
        }
    }

    private final ContentFormat.Encryptor encryptor;
    private final Blocks blocks;
    private final Staged staged;
    private final int resumeBlocks;
    private final long resumeChecksum;
    private final byte[] segment = new byte[ContentFormat.SEGMENT_BYTES];
    private final byte[] block = new byte[SEGMENTS_PER_BLOCK * ContentFormat.STORED_SEGMENT_BYTES];
    private final CRC32C checksum = new CRC32C();
    private int segmentFill;
    private long segmentIndex;
    private int blockFill;
    private int blockSegments;
    private int blockIndex;
    private long length;
    private boolean finished;

    PackageSink(ContentFormat.Encryptor encryptor, Blocks blocks, Staged staged, int resumeBlocks, long resumeChecksum) {
        this.encryptor = encryptor;
        this.blocks = blocks;
        this.staged = staged;
        this.resumeBlocks = resumeBlocks;
        this.resumeChecksum = resumeChecksum;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        if (finished) {
            throw new IllegalStateException("the package is finished");
        }
        int at = offset;
        int left = count;
        while (left > 0) {
            if (segmentFill == segment.length) {
                // More is coming, so the full segment held back is not the last.
                seal(false);
            }
            int take = Math.min(left, segment.length - segmentFill);
            System.arraycopy(bytes, at, segment, segmentFill, take);
            segmentFill += take;
            at += take;
            left -= take;
        }
        length += count;
    }

    /** Seals the last segment and stages the last block; the package's blocks are then {@code [0, blocks)}. */
    Sealed finish() {
        if (finished) {
            throw new IllegalStateException("the package is finished");
        }
        seal(true);
        finished = true;
        if (blockIndex < resumeBlocks) {
            throw new PackageChangedException();
        }
        blocks.stage(blockIndex, block, blockFill);
        return new Sealed(length, segmentIndex, blockIndex + 1);
    }

    private void seal(boolean last) {
        checksum.update(segment, 0, segmentFill);
        boolean stored = blockIndex >= resumeBlocks;
        if (stored) {
            blockFill += encryptor.segment(segmentIndex, last, segment, 0, segmentFill, block, blockFill);
        }
        segmentIndex++;
        blockSegments++;
        segmentFill = 0;
        if (blockSegments == SEGMENTS_PER_BLOCK && !last) {
            if (stored) {
                blocks.stage(blockIndex, block, blockFill);
                staged.staged(blockIndex + 1, checksum.getValue());
            } else if (blockIndex + 1 == resumeBlocks && checksum.getValue() != resumeChecksum) {
                throw new PackageChangedException();
            }
            blockIndex++;
            blockSegments = 0;
            blockFill = 0;
        }
    }
}
