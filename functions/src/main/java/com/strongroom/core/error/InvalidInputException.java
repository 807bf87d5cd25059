package com.strongroom.core.error;

/** Malformed or out-of-range input; names the field so the caller can fix it. */
public final class InvalidInputException extends StrongroomException {
    private final String field;

    public InvalidInputException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
