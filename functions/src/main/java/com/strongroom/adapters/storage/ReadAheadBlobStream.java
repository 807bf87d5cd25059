package com.strongroom.adapters.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads a range of a blob in chunks, fetching the next chunk while the caller works on the current one, so storage
 * and decryption overlap instead of taking turns. At most two chunks are held at once. A range that runs to the end
 * of the blob ends at the chunk that reaches the blob's length (as the first response's Content-Range gives it, so
 * no chunk is asked for past it), or at a 416 past the end, or at once for a blob that is not there. A chunk that
 * comes back shorter while the blob goes on, or a blob gone after its first chunk, is a failed read (an
 * {@link IOException} for the caller), never an early end: the content format would take that for a truncated,
 * tampered blob.
 */
final class ReadAheadBlobStream extends InputStream {
    private static final int NOT_FOUND = 404;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final BlockBlobClient blob;
    private final int chunkBytes;
    private final Executor executor;
    private final long start;
    private long end;
    private long nextOffset;
    // Set by the download threads; read only after the download that set it was joined.
    private volatile boolean lastRequested;
    private volatile long blobLength;
    private byte[] current = new byte[0];
    private int position;
    private CompletableFuture<byte[]> next;

    ReadAheadBlobStream(BlockBlobClient blob, long offset, OptionalLong count, int chunkBytes, Executor executor) {
        this.blob = blob;
        this.chunkBytes = chunkBytes;
        this.executor = executor;
        this.start = offset;
        this.end = count.isPresent() ? offset + count.getAsLong() : Long.MAX_VALUE;
        this.nextOffset = offset;
        this.next = fetchNext();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (next == null) {
                return -1;
            }
            current = take(next);
            position = 0;
            if (blobLength > 0) {
                end = Math.min(end, blobLength);
            }
            next = current.length == 0 ? null : fetchNext();
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        current = new byte[0];
        position = 0;
    }

    /** The next chunk, asked for now; null once the range is exhausted. */
    private CompletableFuture<byte[]> fetchNext() {
        if (lastRequested || nextOffset >= end) {
            return null;
        }
        long from = nextOffset;
        int length = (int) Math.min(chunkBytes, end - from);
        nextOffset += length;
        return CompletableFuture.supplyAsync(() -> download(from, length, from == start), executor);
    }

    private byte[] download(long from, int length, boolean first) {
        byte[] chunk = new byte[length];
        int[] filled = {0};
        String contentRange;
        try {
            contentRange = blob.downloadStreamWithResponse(new OutputStream() {
                @Override
                public void write(int b) {
                    chunk[filled[0]++] = (byte) b;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    System.arraycopy(b, off, chunk, filled[0], len);
                    filled[0] += len;
                }
            }, new BlobRange(from, (long) length), null, null, false, null, Context.NONE)
                    .getDeserializedHeaders().getContentRange();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == RANGE_NOT_SATISFIABLE || (e.getStatusCode() == NOT_FOUND && first)) {
                return new byte[0];
            }
            if (e.getStatusCode() == NOT_FOUND) {
                throw new UncheckedIOException(new IOException("the blob went away while it was read", e));
            }
            throw e;
        }
        long total = blobLength(contentRange);
        if (first && total > 0) {
            blobLength = total;
        }
        if (filled[0] < length) {
            if (from + filled[0] < total) {
                throw new UncheckedIOException(new IOException("a blob chunk came back with " + filled[0] + " of "
                        + length + " bytes while the blob goes on"));
            }
            lastRequested = true;
            return Arrays.copyOf(chunk, filled[0]);
        }
        return chunk;
    }

    /** The blob's whole length from a Content-Range of {@code bytes first-last/length}; unknown is taken as 0. */
    static long blobLength(String contentRange) {
        int slash = contentRange == null ? -1 : contentRange.lastIndexOf('/');
        if (slash < 0 || contentRange.endsWith("*")) {
            return 0;
        }
        try {
            return Long.parseLong(contentRange.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] take(CompletableFuture<byte[]> chunk) throws IOException {
        try {
            return chunk.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            throw new IOException("a blob chunk could not be read", e.getCause() == null ? e : e.getCause());
        }
    }
}
