package com.strongroom.core.error;

/** The resource changed since the caller read it ({@code If-Match} did not match). */
public final class PreconditionFailedException extends StrongroomException {
    public PreconditionFailedException(String message) {
        super(FailureKind.PRECONDITION_FAILED, message);
    }
}
