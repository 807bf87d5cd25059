package com.strongroom.core.asset;

import com.strongroom.core.access.RequestScope;
import com.strongroom.core.error.RangeNotSatisfiableException;
import com.strongroom.core.error.RangeRequiredException;
import java.io.OutputStream;
import java.util.Optional;

/** The bytes one download response carries: from {@code first}, {@code length} of them. */
public record ContentWindow(long first, long length) {
    /**
     * The whole content, if one response may carry it (else 400, read it in ranges), or the range asked for (416 if
     * it lies outside); a longer range is answered with its first part, and Content-Range tells the client where to go
     * on.
     */
    public static ContentWindow of(RequestScope scope, Optional<DownloadAsset.ByteRange> asked, long size,
                                   long maxResponseBytes) {
        if (asked.isEmpty()) {
            if (size > maxResponseBytes) {
                throw scope.failed(new RangeRequiredException(size, maxResponseBytes));
            }
            return new ContentWindow(0, size);
        }
        DownloadAsset.ByteRange range = asked.get();
        if (size == 0 || range.first().orElse(0) >= size || range.suffixLength().orElse(1) == 0) {
            throw scope.failed(new RangeNotSatisfiableException(size));
        }
        long first = range.first().isPresent() ? range.first().getAsLong()
                : Math.max(0, size - range.suffixLength().getAsLong());
        long last = Math.min(range.last().orElse(size - 1), size - 1);
        return new ContentWindow(first, Math.min(last - first + 1, maxResponseBytes));
    }

    /** Writes into a fixed array; more bytes than it holds is a bug, not a resize. */
    public static final class ArrayFiller extends OutputStream {
        private final byte[] target;
        private int position;

        public ArrayFiller(byte[] target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, target, position, len);
            position += len;
        }
    }
}
