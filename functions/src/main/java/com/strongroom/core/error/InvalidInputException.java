package com.strongroom.core.error;

import java.util.Map;

/** Malformed or out-of-range input; names the field so the caller can fix it. */
public final class InvalidInputException extends StrongroomException {
    private final String field;

    public InvalidInputException(String field, String reason) {
        super(FailureKind.INVALID_INPUT, field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("field", field);
    }
}
