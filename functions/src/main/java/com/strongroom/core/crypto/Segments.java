package com.strongroom.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A plaintext cut into {@link ContentFormat#SEGMENT_BYTES} segments, one at a time, each knowing whether it is the
 * last (the format binds that flag into every segment). An empty plaintext is one empty segment. From an array the
 * segments are views into it; from a stream they are read one segment ahead into two reused buffers.
 */
public abstract sealed class Segments {
    /** Moves to the next segment; {@code false} once the last one has been visited. */
    public abstract boolean advance() throws IOException;

    /** The array holding the current segment, from {@link #offset()}, {@link #length()} bytes long. */
    public abstract byte[] bytes();

    public abstract int offset();

    public abstract int length();

    public abstract boolean last();

    /** How many segments there are, when that is known before they are read. */
    public abstract OptionalLong count();

    public static Segments of(byte[] plaintext, int offset, int length) {
        return new OfArray(plaintext, offset, length);
    }

    public static Segments of(InputStream plaintext) {
        return new OfStream(plaintext);
    }

    private static final class OfArray extends Segments {
        private final byte[] array;
        private final int start;
        private final int end;
        private int offset = -1;
        private int length;

        OfArray(byte[] array, int offset, int length) {
            this.array = array;
            this.start = offset;
            this.end = offset + length;
        }

        @Override
        public boolean advance() {
            if (offset >= 0 && last()) {
                return false;
            }
            offset = offset < 0 ? start : offset + ContentFormat.SEGMENT_BYTES;
            length = Math.min(ContentFormat.SEGMENT_BYTES, end - offset);
            return true;
        }

        @Override
        public byte[] bytes() {
            return array;
        }

        @Override
        public int offset() {
            return offset;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public boolean last() {
            return offset + length >= end;
        }

        @Override
        public OptionalLong count() {
            return OptionalLong.of(ContentFormat.segmentCount(end - start));
        }
    }

    private static final class OfStream extends Segments {
        private final InputStream in;
        private byte[] current = new byte[ContentFormat.SEGMENT_BYTES];
        private byte[] next = new byte[ContentFormat.SEGMENT_BYTES];
        private int currentLength = -1;
        private int nextLength = -1;

        OfStream(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean advance() throws IOException {
            if (currentLength < 0) {
                currentLength = in.readNBytes(current, 0, current.length);
            } else if (last()) {
                return false;
            } else {
                byte[] swap = current;
                current = next;
                next = swap;
                currentLength = nextLength;
            }
            nextLength = currentLength == current.length ? in.readNBytes(next, 0, next.length) : 0;
            return true;
        }

        @Override
        public byte[] bytes() {
            return current;
        }

        @Override
        public int offset() {
            return 0;
        }

        @Override
        public int length() {
            return currentLength;
        }

        @Override
        public boolean last() {
            return nextLength == 0;
        }

        @Override
        public OptionalLong count() {
            return OptionalLong.empty();
        }
    }
}
