package com.strongroom.core.error;

public final class NotFoundException extends StrongroomException {
    public NotFoundException(String message) {
        super(FailureKind.NOT_FOUND, message);
    }
}
