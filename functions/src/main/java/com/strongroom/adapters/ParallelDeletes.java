package com.strongroom.adapters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Deletes many items at once on one shared, bounded set of threads: a purge is round trips, not work, so it runs
 * as fast as the store lets it only with several in flight.
 */
public final class ParallelDeletes {
    /** Deletes in flight at most; the stores' own throttling (429 and its retries) bounds them further. */
    public static final int IN_FLIGHT = 16;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
        Thread t = new Thread(r, "purge-delete");
        t.setDaemon(true);
        return t;
    });

    private ParallelDeletes() {
    }

    /** Runs {@code delete} on every item, waits for all, and then throws the first failure, if any. */
    public static <T> void each(List<T> items, Consumer<T> delete) {
        List<CompletableFuture<Void>> running = new ArrayList<>(items.size());
        for (T item : items) {
            running.add(CompletableFuture.runAsync(() -> delete.accept(item), POOL));
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> deletion : running) {
            try {
                deletion.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
