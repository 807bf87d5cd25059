package com.strongroom.core.error;

public final class ConflictException extends StrongroomException {
    public ConflictException(String message) {
        super(FailureKind.CONFLICT, message);
    }
}
