package com.strongroom.core.limits;

import com.strongroom.core.error.BusyException;
import java.time.Duration;

/**
 * A bound on the bytes that requests hold in memory at once on one instance: range responses, which are built whole,
 * and request bodies, which the Functions host hands over whole. A request holds its bytes through a {@link Lease}
 * from before it allocates them until it returns. When the bound is reached, a request waits up to {@code patience}
 * for bytes to be released and is then refused as busy (503 with {@code Retry-After}), so that parallel large
 * requests of one caller cannot exhaust the memory every tenant shares. A request larger than the whole bound is
 * served alone, once nothing else is held.
 */
public final class InFlightBytes {
    private static final long RETRY_AFTER_SECONDS = 1;

    private final long capacity;
    private final long patienceNanos;
    private long held;

    public InFlightBytes(long capacity, Duration patience) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.patienceNanos = patience.toNanos();
    }

    /** A quarter of the heap this JVM may grow to: the rest is left to the host's own copies and everything else. */
    public static InFlightBytes quarterOfHeap(Duration patience) {
        return new InFlightBytes(Math.max(1, Runtime.getRuntime().maxMemory() / 4), patience);
    }

    public long capacity() {
        return capacity;
    }

    public synchronized long held() {
        return held;
    }

    /** A lease that holds nothing yet; close it when the request returns. */
    public Lease lease() {
        return new Lease();
    }

    private synchronized void acquire(long bytes) {
        long deadline = System.nanoTime() + patienceNanos;
        while (!fits(bytes)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BusyException("this instance is serving as many bytes as it can hold; try again shortly",
                        RETRY_AFTER_SECONDS);
            }
            try {
                wait(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BusyException("interrupted while waiting for memory", RETRY_AFTER_SECONDS);
            }
        }
        held += bytes;
    }

    private boolean fits(long bytes) {
        return held + bytes <= capacity || held == 0;
    }

    private synchronized void release(long bytes) {
        held -= bytes;
        notifyAll();
    }

    /** What one request holds. Not shared between threads. */
    public final class Lease implements AutoCloseable {
        private long mine;

        private Lease() {
        }

        /** Holds {@code bytes} more, waiting for them if needed; throws {@link BusyException} if they do not come. */
        public void hold(long bytes) {
            if (bytes <= 0) {
                return;
            }
            acquire(bytes);
            mine += bytes;
        }

        /**
         * Counts {@code bytes} that are already allocated and must be kept, without waiting or refusing: a response
         * being written out. Requests that come after wait for them like for any other.
         */
        public void holdAnyway(long bytes) {
            if (bytes <= 0) {
                return;
            }
            synchronized (InFlightBytes.this) {
                held += bytes;
            }
            mine += bytes;
        }

        @Override
        public void close() {
            if (mine > 0) {
                release(mine);
                mine = 0;
            }
        }
    }
}
