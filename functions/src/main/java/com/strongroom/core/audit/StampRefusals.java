package com.strongroom.core.audit;

import com.strongroom.core.model.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Refusals of requests whose caller nobody could identify, in the stamp's trail, per source and minute. The first
 * refusal of a source in a minute is recorded at once, as itself (the request fails closed if it cannot be); the
 * rest are counted in memory and recorded as one event with their count once the minute is over, by the first
 * request the instance serves after it. So a flood from one source adds at most two events a minute to the trail,
 * however many requests it sends, and the trail still says how many there were. Counts not yet recorded are lost
 * if the instance stops; at most {@link #MAX_SOURCES} sources are counted apart per minute, the rest together.
 */
public final class StampRefusals {
    static final int MAX_SOURCES = 10_000;
    static final String OTHER_SOURCES = "other";
    public static final String REPEATED_ACTION = "request.unauthenticated";
    private static final Logger LOG = Logger.getLogger(StampRefusals.class.getName());

    private record Window(String source, Instant minute) {
    }

    private static final class Tally {
        final String firstRequestId;
        final LongAdder repeats = new LongAdder();

        Tally(String firstRequestId) {
            this.firstRequestId = firstRequestId;
        }
    }

    private final AuditRecorder audit;
    private final Clock clock;
    private final Map<Window, Tally> open = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> current;

    public StampRefusals(AuditRecorder audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.current = new AtomicReference<>(minuteNow());
    }

    /**
     * Records, or counts, the refusal of a request for {@code target} from {@code source} (a network prefix, never a
     * whole address). Throws, as the trail does, only when the refusal had to be recorded and could not be.
     */
    public void refused(String action, String target, String source, String requestId) {
        Instant minute = minuteNow();
        recordClosedMinutes(minute);
        String counted = open.size() >= MAX_SOURCES && !open.containsKey(new Window(source, minute)) ? OTHER_SOURCES
                : source;
        Window window = new Window(counted, minute);
        Tally mine = new Tally(requestId);
        Tally tally = open.putIfAbsent(window, mine);
        if (tally != null) {
            tally.repeats.increment();
            return;
        }
        try {
            audit.denied(Optional.empty(), action, AuditEvent.STAMP, target, requestId);
        } catch (RuntimeException e) {
            open.remove(window, mine);
            throw e;
        }
    }

    /** Records the counts of every minute that is over; called as requests come, and cheap when nothing is due. */
    public void recordClosedMinutes() {
        recordClosedMinutes(minuteNow());
    }

    private void recordClosedMinutes(Instant minute) {
        Instant last = current.get();
        if (!minute.isAfter(last) || !current.compareAndSet(last, minute)) {
            return;
        }
        for (Map.Entry<Window, Tally> entry : open.entrySet()) {
            Window window = entry.getKey();
            if (window.minute().isBefore(minute) && open.remove(window, entry.getValue())) {
                long repeats = entry.getValue().repeats.sum();
                if (repeats > 0) {
                    recordRepeats(window, entry.getValue(), repeats);
                }
            }
        }
    }

    private void recordRepeats(Window window, Tally tally, long repeats) {
        try {
            audit.repeatedRefusals(REPEATED_ACTION, "sources/" + window.source() + "/minutes/" + window.minute(),
                    repeats, window.minute().plus(1, ChronoUnit.MINUTES), tally.firstRequestId);
        } catch (RuntimeException e) {
            // The refusals were answered; only their count is lost, and only while the trail is down.
            LOG.warning("the count of " + repeats + " refusals of one source could not be recorded: "
                    + e.getClass().getName());
        }
    }

    private Instant minuteNow() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }
}
