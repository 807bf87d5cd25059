package com.strongroom.core.asset;

import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * Reads only the stored segments a plaintext range needs, and decrypts them one verified segment at a time.
 *
 * <p>Content that fails its integrity check is read a second time, from the first segment not yet written out,
 * before it is called tampered: a storage service that is stopping or starting can answer a read with nothing or
 * with a cut-short body, which looks exactly like a truncated blob. Only a failure the second read repeats is
 * tampering; a blob that is not there at all, twice, is storage that cannot serve it (retryable), not a forgery.
 */
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
        CountingOutput written = new CountingOutput(out);
        boolean read;
        try {
            read = attempt(tenant, asset, dek, size, from, length, written);
        } catch (TamperedException first) {
            read = false;
        }
        if (!read && !attempt(tenant, asset, dek, size, from + written.count, length - written.count, written)) {
            if (isThere(tenant, asset)) {
                throw new TamperedException("stored content ends before the segments it should hold");
            }
            throw new DependencyUnavailableException(Dependency.STORAGE,
                    new IOException("the stored content of an asset was not there, twice"));
        }
    }

    /** Whether the store has any bytes for the content: an empty read past a cut-short end is not an absent blob. */
    private boolean isThere(TenantId tenant, AssetId asset) {
        try (InputStream first = content.read(tenant, asset, 0, OptionalLong.of(1))) {
            return first.read() >= 0;
        } catch (IOException | UncheckedIOException e) {
            throw new DependencyUnavailableException(Dependency.STORAGE, e);
        }
    }

    /**
     * One read of the range: false if the store had nothing at all for it; a {@link TamperedException} if the bytes
     * it had do not authenticate.
     */
    private boolean attempt(TenantId tenant, AssetId asset, byte[] dek, long size, long from, long length,
                            OutputStream out) {
        long lastIndex = ContentFormat.segmentCount(size) - 1;
        long firstSegment = from / ContentFormat.SEGMENT_BYTES;
        long endSegment = length == 0 ? firstSegment : (from + length - 1) / ContentFormat.SEGMENT_BYTES;
        long offset = ContentFormat.storedOffset(firstSegment);
        OptionalLong count = endSegment == lastIndex ? OptionalLong.empty()
                : OptionalLong.of(ContentFormat.storedOffset(endSegment + 1) - offset);
        try (CountingInput stored = new CountingInput(content.read(tenant, asset, offset, count))) {
            try {
                ContentFormat.decrypt(dek, asset.value(), size, from, length, stored, out);
                return true;
            } catch (TamperedException e) {
                if (stored.count == 0) {
                    return false;
                }
                throw e;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DependencyUnavailableException(Dependency.STORAGE, e);
        }
    }

    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    private static final class CountingOutput extends FilterOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
