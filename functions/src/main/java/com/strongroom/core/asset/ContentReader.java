package com.strongroom.core.asset;

import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** Reads only the stored segments a plaintext range needs, and decrypts them one verified segment at a time. */
public final class ContentReader {
    private final ContentStore content;

    public ContentReader(ContentStore content) {
        this.content = content;
    }

    /**
     * Writes plaintext bytes {@code [from, from + length)} of content of {@code size} bytes to {@code out}; a range
     * that reaches the last segment reads to the end of the stored form, so an extended blob is caught.
     */
    public void decrypt(TenantId tenant, AssetId asset, byte[] dek, long size, long from, long length, OutputStream out) {
        long lastIndex = ContentFormat.segmentCount(size) - 1;
        long firstSegment = from / ContentFormat.SEGMENT_BYTES;
        long endSegment = length == 0 ? firstSegment : (from + length - 1) / ContentFormat.SEGMENT_BYTES;
        long offset = ContentFormat.storedOffset(firstSegment);
        OptionalLong count = endSegment == lastIndex ? OptionalLong.empty()
                : OptionalLong.of(ContentFormat.storedOffset(endSegment + 1) - offset);
        try (InputStream stored = content.read(tenant, asset, offset, count)) {
            ContentFormat.decrypt(dek, asset.value(), size, from, length, stored, out);
        } catch (IOException | UncheckedIOException e) {
            throw new DependencyUnavailableException(Dependency.STORAGE, e);
        }
    }
}
