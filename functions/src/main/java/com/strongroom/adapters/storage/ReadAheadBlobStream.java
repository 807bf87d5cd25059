package com.strongroom.adapters.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads a range of a blob in chunks, fetching up to {@code ahead} chunks while the caller works on the current one,
 * so storage and decryption overlap instead of taking turns and one range's chunks come in parallel, as a ranged
 * download over several connections does. At most {@code ahead + 1} chunks are held at once. A range that runs to
 * the end of the blob is fetched one chunk at a time until the first response gives the blob's length (so a small
 * blob costs one request, not a request per chunk of the window), and it ends at the chunk that reaches that length
 * (as the response's Content-Range gives it), or at a 416 past the end, or at once for a blob that is not there. A
 * chunk that comes back shorter while the blob goes on, or a blob gone after its first chunk, is a failed read (an
 * {@link IOException} for the caller), never an early end: the content format would take that for a truncated,
 * tampered blob.
 */
final class ReadAheadBlobStream extends InputStream {
    private static final int NOT_FOUND = 404;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final BlockBlobClient blob;
    private final int chunkBytes;
    private final int ahead;
    private final Executor executor;
    private final Deque<CompletableFuture<byte[]>> pending = new ArrayDeque<>();
    private long end;
    private boolean endKnown;
    private long nextOffset;
    private boolean firstFetched;
    // Set by the download threads; read only after the download that set it was joined.
    private volatile boolean lastRequested;
    private volatile long blobLength = -1;
    private byte[] current = new byte[0];
    private int position;

    ReadAheadBlobStream(BlockBlobClient blob, long offset, OptionalLong count, int chunkBytes, int ahead,
                        Executor executor) {
        this.blob = blob;
        this.chunkBytes = chunkBytes;
        this.ahead = ahead;
        this.executor = executor;
        this.end = count.isPresent() ? offset + count.getAsLong() : Long.MAX_VALUE;
        this.endKnown = count.isPresent();
        this.nextOffset = offset;
        fill();
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
            if (pending.isEmpty()) {
                return -1;
            }
            current = take(pending.poll());
            position = 0;
            if (current.length == 0) {
                close();
                return -1;
            }
            if (!endKnown && blobLength >= 0) {
                end = Math.min(end, blobLength);
                endKnown = true;
            }
            fill();
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        pending.forEach(chunk -> chunk.cancel(false));
        pending.clear();
        current = new byte[0];
        position = 0;
    }

    /** Asks for chunks until the window is full: {@code ahead} of them once the end is known, one before that. */
    private void fill() {
        while (pending.size() < (endKnown ? ahead : 1) && !lastRequested && nextOffset < end) {
            long from = nextOffset;
            int length = (int) Math.min(chunkBytes, end - from);
            nextOffset += length;
            boolean first = !firstFetched;
            firstFetched = true;
            pending.add(CompletableFuture.supplyAsync(() -> download(from, length, first), executor));
        }
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
