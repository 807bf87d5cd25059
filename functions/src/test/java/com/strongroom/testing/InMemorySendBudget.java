package com.strongroom.testing;

import com.strongroom.core.port.SendBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySendBudget implements SendBudget {
    private final int perMinute;
    private final Map<Instant, Integer> used = new ConcurrentHashMap<>();

    public InMemorySendBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    public synchronized Optional<Duration> reserve(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        int count = used.getOrDefault(minute, 0);
        if (count >= perMinute) {
            return Optional.of(Duration.between(now, minute.plus(Duration.ofMinutes(1))));
        }
        used.put(minute, count + 1);
        return Optional.empty();
    }
}
