package com.strongroom.core.error;

/** Stored content or a stored key failed authentication: it was altered, cut, moved or swapped. */
public final class IntegrityException extends StrongroomException {
    public IntegrityException(String message) {
        super(FailureKind.INTEGRITY, message);
    }
}
