package com.strongroom.functions;

import com.strongroom.core.error.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Typed access to a request's query string; a malformed value is a 400 naming the parameter. */
final class QueryParameters {
    private final Map<String, String> values;

    QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    Optional<Instant> instant(String name) {
        try {
            return text(name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    Optional<Integer> integer(String name) {
        try {
            return text(name).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number");
        }
    }
}
