package com.strongroom.core.asset;

import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.Segments;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Encrypts a run of plaintext (a part, or a whole one-request upload) segment by segment and stages it as blocks
 * of at most {@link #SEGMENTS_PER_BLOCK} stored segments, so memory stays at one block whatever the size.
 */
final class ContentWriter {
    static final int SEGMENTS_PER_BLOCK = 64;
    /** Azure accepts at most this many committed blocks in one blob. */
    static final int MAX_BLOCKS = 50_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContentStore content;

    ContentWriter(ContentStore content) {
        this.content = content;
    }

    /** How many blocks a part of this length needs. */
    static int blocksFor(long partLength) {
        long segments = ContentFormat.segmentCount(partLength);
        return (int) ((segments + SEGMENTS_PER_BLOCK - 1) / SEGMENTS_PER_BLOCK);
    }

    /**
     * Block ids of equal length for every part and block of an asset, unique to one staging of a part: a part staged
     * again gets new blocks, so the blocks a part's record lists are exactly the ones staged with it.
     */
    static String blockId(int part, int block, String staging) {
        return String.format("%05d-%05d-%s", part, block, staging);
    }

    private static String newStaging() {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** What {@link #write} staged: the block ids in order and the plaintext length it read. */
    record Written(List<String> blockIds, long length) {
    }

    /**
     * Encrypts every segment of {@code plaintext} as segments numbered from {@code firstSegment}; the last of them
     * carries the last flag when {@code finalPart}; feeds {@code digest}, if given, with the plaintext. Memory stays
     * at one block (and, from a stream, two segments) whatever the length.
     */
    Written write(TenantId tenant, AssetId asset, byte[] dek, int part, long firstSegment, boolean finalPart,
                  Segments plaintext, Optional<MessageDigest> digest) {
        return write(tenant, asset, dek, part, firstSegment, finalPart, plaintext, digest, false);
    }

    /**
     * Encrypts a one-request upload's whole content and makes it the asset's content: in one write when it fits one
     * block (most files do), else as staged blocks and their commit. Returns the plaintext length.
     */
    long writeWhole(TenantId tenant, AssetId asset, byte[] dek, Segments plaintext, MessageDigest digest) {
        Written written = write(tenant, asset, dek, 1, 0, true, plaintext, Optional.of(digest), true);
        if (!written.blockIds().isEmpty()) {
            content.commit(tenant, asset, written.blockIds());
        }
        return written.length();
    }

    /** With {@code putOneBlock}, content that fits its first block is put whole and no block ids are returned. */
    private Written write(TenantId tenant, AssetId asset, byte[] dek, int part, long firstSegment, boolean finalPart,
                          Segments plaintext, Optional<MessageDigest> digest, boolean putOneBlock) {
        ContentFormat.Encryptor encryptor = new ContentFormat.Encryptor(dek, asset.value());
        byte[] block = null;
        List<String> blockIds = new ArrayList<>();
        String staging = newStaging();
        int filled = 0;
        long length = 0;
        try {
            for (long s = firstSegment; plaintext.advance(); s++) {
                if (block == null) {
                    long segments = plaintext.count().orElse(plaintext.last() ? 1 : SEGMENTS_PER_BLOCK);
                    block = new byte[(int) Math.min(segments, SEGMENTS_PER_BLOCK) * ContentFormat.STORED_SEGMENT_BYTES];
                }
                if (digest.isPresent()) {
                    digest.get().update(plaintext.bytes(), plaintext.offset(), plaintext.length());
                }
                filled += encryptor.segment(s, finalPart && plaintext.last(), plaintext.bytes(), plaintext.offset(),
                        plaintext.length(), block, filled);
                length += plaintext.length();
                if (putOneBlock && blockIds.isEmpty() && plaintext.last()) {
                    content.put(tenant, asset, block, filled);
                    return new Written(List.of(), length);
                }
                if (filled + ContentFormat.STORED_SEGMENT_BYTES > block.length || plaintext.last()) {
                    String id = blockId(part, blockIds.size(), staging);
                    content.stage(tenant, asset, id, block, filled);
                    blockIds.add(id);
                    filled = 0;
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("content", "could not be read to its end");
        }
        return new Written(blockIds, length);
    }
}
