package com.strongroom.testing;

import com.strongroom.core.port.SendBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySendBudget implements SendBudget {
    private final int perMinute;
    private final Map<Instant, Integer> used = new ConcurrentHashMap<>();

    public InMemorySendBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    public synchronized Grant reserve(Instant now, int wanted) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        int count = used.getOrDefault(minute, 0);
        int granted = Math.max(0, Math.min(wanted, perMinute - count));
        used.put(minute, count + granted);
        return new Grant(granted, Duration.between(now, minute.plus(Duration.ofMinutes(1))));
    }
}
