package com.strongroom.core.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Unwrapped TDKs in memory, so that the key service sees one unwrap per tenant key per {@code ttl}, not one per
 * request. Bounded: past {@code maxEntries} the expired and then the oldest entries go, and an entry's bytes are
 * zeroed when it goes. One loader per entry at a time, so a burst of requests costs one unwrap.
 */
final class TdkCache {
    record Key(String tenantId, String kekId, int tdkVersion) {
    }

    private static final class Entry {
        private byte[] value;
        private Instant loadedAt = Instant.MIN;
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;

    TdkCache(Clock clock, Duration ttl, int maxEntries) {
        if (ttl.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("a cache needs a non-negative TTL and room for one entry");
        }
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    /** A copy of the cached key, loaded with {@code load} if absent or expired; the caller zeroes its copy. */
    byte[] get(Key key, Supplier<byte[]> load) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        byte[] copy;
        synchronized (entry) {
            Instant now = clock.instant();
            if (entry.value == null || !now.isBefore(entry.loadedAt.plus(ttl))) {
                byte[] loaded = load.get();
                zero(entry);
                entry.value = loaded;
                entry.loadedAt = now;
            }
            copy = entry.value.clone();
        }
        if (entries.size() > maxEntries) {
            evict();
        }
        return copy;
    }

    /** Drops every entry of a tenant (after its keys were rotated). */
    void forget(String tenantId) {
        entries.entrySet().removeIf(e -> {
            if (e.getKey().tenantId().equals(tenantId)) {
                synchronized (e.getValue()) {
                    zero(e.getValue());
                }
                return true;
            }
            return false;
        });
    }

    int size() {
        return entries.size();
    }

    private synchronized void evict() {
        Instant now = clock.instant();
        entries.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                boolean expired = e.getValue().value != null && !now.isBefore(e.getValue().loadedAt.plus(ttl));
                if (expired) {
                    zero(e.getValue());
                }
                return expired;
            }
        });
        while (entries.size() > maxEntries) {
            entries.entrySet().stream().min(Comparator.comparing(e -> e.getValue().loadedAt))
                    .ifPresent(oldest -> {
                        synchronized (oldest.getValue()) {
                            zero(oldest.getValue());
                        }
                        entries.remove(oldest.getKey(), oldest.getValue());
                    });
        }
    }

    private static void zero(Entry entry) {
        if (entry.value != null) {
            Arrays.fill(entry.value, (byte) 0);
            entry.value = null;
        }
    }
}
