package com.strongroom.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The provider's send rate, shared by every instance of the stamp: a fixed number of sends per minute.
 */
public interface SendBudget {
    /** Takes one send from the current minute's budget: empty if taken, else how long until one is free. */
    Optional<Duration> reserve(Instant now);
}
