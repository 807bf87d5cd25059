package com.strongroom.testing;

import com.strongroom.core.port.ErasureJobs;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The erasure queue in memory: a test takes messages and runs them, or drops them, as it pleases. */
public final class InMemoryErasureJobs implements ErasureJobs {
    private final Deque<Job> queued = new ArrayDeque<>();

    @Override
    public synchronized void enqueue(Job job) {
        queued.addLast(job);
    }

    public synchronized Optional<Job> next() {
        return Optional.ofNullable(queued.pollFirst());
    }

    public synchronized int size() {
        return queued.size();
    }
}
