package com.strongroom.core.audit;

import com.strongroom.core.model.AuditEvent.EventClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hands each append of this instance a lane of its tenant's chain that no other request of the instance is using, with
 * the lane's end as this instance last wrote it, so concurrent requests of one tenant append in parallel instead of
 * racing for one position. Lanes are handed out last-used first, so a quiet tenant keeps to one lane; each instance
 * starts from its own random order, so instances tend to different lanes. The pool only avoids collisions: an append
 * is still placed with the log's unique positions, so a lane shared after all were busy, another instance's append to
 * the same lane, or a forgotten pool costs a retry, never a fork.
 */
final class AuditLanes {
    /** How long an append waits for a lane of its own before it shares one. */
    private static final long WAIT_MILLIS = 20;
    private static final int MAX_POOLS = 10_000;

    /** A lane and, while one request holds it, the end of its chain as last seen here (null: read the head). */
    static final class Lane {
        final int number;
        /** The pool the lane goes back to; null for a lane shared because all were busy. */
        private BlockingDeque<Lane> pool;
        ChainLink end;

        private Lane(int number) {
            this.number = number;
        }
    }

    private final int lanes;
    private final Map<String, BlockingDeque<Lane>> pools = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BlockingDeque<Lane>> eldest) {
            return size() > MAX_POOLS;
        }
    };

    AuditLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("at least one lane");
        }
        this.lanes = lanes;
    }

    Lane take(String tenantId, EventClass eventClass) {
        Lane lane = null;
        try {
            lane = pool(tenantId, eventClass).pollFirst(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lane != null ? lane : new Lane(ThreadLocalRandom.current().nextInt(lanes));
    }

    void release(Lane lane) {
        if (lane.pool != null) {
            lane.pool.offerFirst(lane);
        }
    }

    private BlockingDeque<Lane> pool(String tenantId, EventClass eventClass) {
        synchronized (pools) {
            return pools.computeIfAbsent(tenantId + "/" + eventClass, key -> {
                List<Lane> order = new ArrayList<>();
                for (int number = 0; number < lanes; number++) {
                    order.add(new Lane(number));
                }
                Collections.shuffle(order);
                BlockingDeque<Lane> pool = new LinkedBlockingDeque<>(order);
                order.forEach(lane -> lane.pool = pool);
                return pool;
            });
        }
    }
}
