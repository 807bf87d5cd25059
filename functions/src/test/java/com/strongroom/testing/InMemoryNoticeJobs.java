package com.strongroom.testing;

import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.NoticeJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The notifications queue in memory: messages with the time they become visible. */
public final class InMemoryNoticeJobs implements NoticeJobs {
    public record Message(Instant due, TenantId tenant, NoticeId notice) {
    }

    private final Clock clock;
    private final List<Message> queued = new ArrayList<>();

    public InMemoryNoticeJobs(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void enqueue(TenantId tenant, NoticeId notice, Duration delay) {
        queued.add(new Message(clock.instant().plus(delay), tenant, notice));
    }

    /** Takes the message that becomes visible first. */
    public synchronized Optional<Message> next() {
        Optional<Message> first = queued.stream().min(Comparator.comparing(Message::due));
        first.ifPresent(queued::remove);
        return first;
    }

    public synchronized int size() {
        return queued.size();
    }
}
