package com.strongroom.core.error;

/** Base of the failures that use cases report; the HTTP layer maps each subtype to one problem type. */
public abstract class StrongroomException extends RuntimeException {
    protected StrongroomException(String message) {
        super(message);
    }

    protected StrongroomException(String message, Throwable cause) {
        super(message, cause);
    }
}
