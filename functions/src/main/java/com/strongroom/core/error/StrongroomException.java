package com.strongroom.core.error;

import java.util.Map;

/**
 * Base of every failure Strongroom reports on purpose: a {@link FailureKind}, a message safe to return, and the
 * members a client needs to act on it ({@link #details()}).
 */
public abstract class StrongroomException extends RuntimeException {
    private final FailureKind kind;

    protected StrongroomException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    protected StrongroomException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    /** Members beyond the message (a field name, a size, a region); never a secret or personal data. */
    public Map<String, Object> details() {
        return Map.of();
    }
}
