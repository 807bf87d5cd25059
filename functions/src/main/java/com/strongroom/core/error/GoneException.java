package com.strongroom.core.error;

/** The tenant is being cancelled or was deleted: its routes no longer serve it. */
public final class GoneException extends StrongroomException {
    public GoneException(String message) {
        super(FailureKind.GONE, message);
    }
}
