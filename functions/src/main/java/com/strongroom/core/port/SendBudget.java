package com.strongroom.core.port;

import java.time.Duration;
import java.time.Instant;

/**
 * The provider's send rate, shared by every instance of the stamp: a fixed number of sends per minute.
 */
public interface SendBudget {
    /** Sends granted from the current minute's budget, and how long until more are free when none are. */
    record Grant(int sends, Duration retryAfter) {
    }

    /** Takes up to {@code wanted} sends from the current minute's budget. */
    Grant reserve(Instant now, int wanted);
}
