package com.strongroom.core.error;

public final class ForbiddenException extends StrongroomException {
    public ForbiddenException(String message) {
        super(FailureKind.FORBIDDEN, message);
    }
}
