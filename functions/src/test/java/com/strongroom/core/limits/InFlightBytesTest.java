package com.strongroom.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.BusyException;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

class InFlightBytesTest {
    @Test
    void requestsHoldBytesUpToTheBoundAndTheNextIsRefusedAsBusy() {
        InFlightBytes bound = new InFlightBytes(100, Duration.ZERO);
        InFlightBytes.Lease first = bound.lease();
        first.hold(60);
        InFlightBytes.Lease second = bound.lease();
        second.hold(40);
        BusyException busy = assertThrows(BusyException.class, () -> bound.lease().hold(1));
        assertEquals(1L, busy.details().get("retryAfterSeconds"));
        assertEquals(100, bound.held());
        first.close();
        try (InFlightBytes.Lease third = bound.lease()) {
            third.hold(60);
            assertEquals(100, bound.held());
        }
        second.close();
        second.close();
        assertEquals(0, bound.held(), "a lease releases what it held once, however often it is closed");
    }

    @Test
    void aRefusedHoldKeepsNothing() {
        InFlightBytes bound = new InFlightBytes(100, Duration.ZERO);
        try (InFlightBytes.Lease lease = bound.lease()) {
            lease.hold(70);
            InFlightBytes.Lease refused = bound.lease();
            assertThrows(BusyException.class, () -> refused.hold(50));
            refused.close();
            assertEquals(70, bound.held());
        }
    }

    @Test
    void aRequestLargerThanTheWholeBoundIsServedAloneOnly() {
        InFlightBytes bound = new InFlightBytes(100, Duration.ZERO);
        try (InFlightBytes.Lease alone = bound.lease()) {
            alone.hold(250);
            assertThrows(BusyException.class, () -> bound.lease().hold(1));
        }
        try (InFlightBytes.Lease small = bound.lease()) {
            small.hold(1);
            assertThrows(BusyException.class, () -> bound.lease().hold(250));
        }
    }

    @Test
    void bytesAlreadyAllocatedAreCountedWithoutWaitingAndMakeTheNextRequestWait() {
        InFlightBytes bound = new InFlightBytes(100, Duration.ZERO);
        try (InFlightBytes.Lease writing = bound.lease()) {
            writing.hold(80);
            try (InFlightBytes.Lease host = bound.lease()) {
                host.holdAnyway(80);
                assertEquals(160, bound.held(), "a response being written is counted even past the bound");
                assertThrows(BusyException.class, () -> bound.lease().hold(1));
            }
        }
        assertEquals(0, bound.held());
    }

    @Test
    void aWaitingRequestGetsTheBytesReleasedWithinItsPatience() throws Exception {
        InFlightBytes bound = new InFlightBytes(100, Duration.ofSeconds(10));
        InFlightBytes.Lease holder = bound.lease();
        holder.hold(100);
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Long> waited = pool.submit(() -> {
                try (InFlightBytes.Lease lease = bound.lease()) {
                    waiting.countDown();
                    lease.hold(50);
                    return bound.held();
                }
            });
            assertTrue(waiting.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            holder.close();
            assertEquals(50L, waited.get(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyParallelRequestsNeverHoldMoreThanTheBound() throws Exception {
        InFlightBytes bound = new InFlightBytes(1_000, Duration.ofMillis(200));
        AtomicLong most = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            all.add(pool.submit(() -> {
                try (InFlightBytes.Lease lease = bound.lease()) {
                    lease.hold(300);
                    most.accumulateAndGet(bound.held(), Math::max);
                    Thread.sleep(1);
                } catch (BusyException e) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(most.get() <= 1_000 && most.get() >= 300, "held at most " + most.get());
        assertEquals(0, bound.held());
    }
}
