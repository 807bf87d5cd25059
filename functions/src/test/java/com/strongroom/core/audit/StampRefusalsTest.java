package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Refusals of unidentified callers: one event per source and minute at once, and the rest as one counted event. */
class StampRefusalsTest {
    TestClock clock;
    List<AuditEvent> events;
    boolean trailDown;
    StampRefusals refusals;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-30T10:00:10Z"));
        events = new ArrayList<>();
        refusals = new StampRefusals(new AuditRecorder(event -> {
            if (trailDown) {
                throw new DependencyUnavailableException(Dependency.AUDIT, new IllegalStateException("down"));
            }
            events.add(event);
        }, clock), clock);
    }

    void refuse(String source, int times) {
        for (int i = 0; i < times; i++) {
            refusals.refused("tenant.read", "/api/tenants/acme", source, "r-" + source + "-" + i);
        }
    }

    @Test
    void aFloodFromOneSourceIsOneEventAtOnceAndOneCountedEventAfterTheMinute() {
        refuse("203.0.113.0/24", 5_000);
        assertEquals(1, events.size(), "the first refusal is recorded at once, the rest only counted");
        AuditEvent first = events.get(0);
        assertEquals(AuditEvent.STAMP, first.tenantId());
        assertEquals("tenant.read", first.action());
        assertEquals(Optional.empty(), first.count());

        clock.advance(Duration.ofMinutes(1));
        refusals.recordClosedMinutes();
        assertEquals(2, events.size());
        AuditEvent repeated = events.get(1);
        assertEquals(StampRefusals.REPEATED_ACTION, repeated.action());
        assertEquals("sources/203.0.113.0/24/minutes/2026-11-30T10:00:00Z", repeated.target());
        assertEquals(Optional.of(4_999L), repeated.count());
        assertEquals(AuditEvent.Outcome.DENIED, repeated.outcome());
        assertEquals(AuditEvent.EventClass.SECURITY, repeated.eventClass());
        assertEquals(first.requestId(), repeated.requestId(), "the count names the first request it follows");

        refusals.recordClosedMinutes();
        assertEquals(2, events.size(), "a minute's count is recorded once");
    }

    @Test
    void eachSourceAndEachMinuteIsCountedApart() {
        refuse("203.0.113.0/24", 3);
        refuse("198.51.100.0/24", 1);
        clock.advance(Duration.ofMinutes(1));
        refuse("203.0.113.0/24", 2);
        assertEquals(List.of("tenant.read", "tenant.read", StampRefusals.REPEATED_ACTION, "tenant.read"),
                events.stream().map(AuditEvent::action).toList(),
                "a refusal in a new minute records the counts of the last one, then itself");
        assertEquals(Optional.of(2L), events.get(2).count(), "a source refused once has no count to record");
    }

    @Test
    void aFirstRefusalTheTrailCannotTakeFailsAndTheNextOneIsRecordedInstead() {
        trailDown = true;
        assertThrows(DependencyUnavailableException.class, () -> refuse("203.0.113.0/24", 1));
        trailDown = false;
        refuse("203.0.113.0/24", 1);
        assertEquals(1, events.size());
    }

    @Test
    void manySourcesAreCountedApartUpToTheBoundAndTogetherBeyondIt() {
        for (int i = 0; i < StampRefusals.MAX_SOURCES + 500; i++) {
            refusals.refused("tenant.read", "/api/x", "src-" + i, "r-" + i);
        }
        assertEquals(StampRefusals.MAX_SOURCES + 1, events.size(), "each source apart, then one for all others");
        clock.advance(Duration.ofMinutes(1));
        refusals.recordClosedMinutes();
        AuditEvent others = events.get(events.size() - 1);
        assertTrue(others.target().startsWith("sources/" + StampRefusals.OTHER_SOURCES + "/"), others.target());
        assertEquals(Optional.of(499L), others.count());
    }
}
