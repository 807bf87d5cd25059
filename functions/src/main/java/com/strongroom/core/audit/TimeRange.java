package com.strongroom.core.audit;

import com.strongroom.core.error.InvalidInputException;
import java.time.Instant;
import java.util.Optional;

/** An optional, inclusive time range of audit events; {@code from} after {@code to} is bad input. */
record TimeRange(Optional<Instant> from, Optional<Instant> to) {
    TimeRange {
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new InvalidInputException("from", "must not be after to");
        }
    }

    boolean contains(Instant at) {
        return from.map(f -> !at.isBefore(f)).orElse(true) && to.map(t -> !at.isAfter(t)).orElse(true);
    }
}
