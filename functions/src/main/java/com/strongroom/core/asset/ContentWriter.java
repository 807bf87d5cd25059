package com.strongroom.core.asset;

import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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

    /**
     * Encrypts {@code length} bytes of {@code plaintext} as segments starting at {@code firstSegment}; the last of
     * them carries the last flag when {@code finalPart}. Returns the staged block ids in order.
     */
    List<String> write(TenantId tenant, AssetId asset, byte[] dek, int part, long firstSegment, boolean finalPart,
                       byte[] plaintext, int offset, int length) {
        ContentFormat.Encryptor encryptor = new ContentFormat.Encryptor(dek, asset.value());
        long segments = ContentFormat.segmentCount(length);
        byte[] block = new byte[(int) Math.min(segments, SEGMENTS_PER_BLOCK) * ContentFormat.STORED_SEGMENT_BYTES];
        List<String> blockIds = new ArrayList<>();
        String staging = newStaging();
        int filled = 0;
        for (long s = 0; s < segments; s++) {
            int from = offset + (int) (s * ContentFormat.SEGMENT_BYTES);
            int segmentLength = (int) Math.min(ContentFormat.SEGMENT_BYTES, offset + length - from);
            boolean last = finalPart && s == segments - 1;
            filled += encryptor.segment(firstSegment + s, last, plaintext, from, segmentLength, block, filled);
            if (filled + ContentFormat.STORED_SEGMENT_BYTES > block.length || s == segments - 1) {
                String id = blockId(part, blockIds.size(), staging);
                content.stage(tenant, asset, id, block, filled);
                blockIds.add(id);
                filled = 0;
            }
        }
        return blockIds;
    }
}
