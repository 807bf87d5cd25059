package com.strongroom.testing;

import com.strongroom.core.port.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider in memory: records every email it accepted, and can be told to throttle the next sends. */
public final class RecordingNotifier implements Notifier {
    public record Sent(String deliveryId, Email email) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, String> operations = new ConcurrentHashMap<>();
    private final AtomicInteger throttleNext = new AtomicInteger();

    @Override
    public synchronized String send(Email email, String deliveryId) {
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new Throttled(Duration.ofSeconds(20));
        }
        sent.add(new Sent(deliveryId, email));
        operations.put(deliveryId, deliveryId);
        return deliveryId;
    }

    @Override
    public Optional<String> accepted(String deliveryId) {
        return Optional.ofNullable(operations.get(deliveryId));
    }

    public void throttleNext(int sends) {
        throttleNext.set(sends);
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
