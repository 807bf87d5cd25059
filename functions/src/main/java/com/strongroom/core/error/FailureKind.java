package com.strongroom.core.error;

/** What kind of failure a {@link StrongroomException} is; the HTTP layer maps each kind to one problem type. */
public enum FailureKind {
    INVALID_INPUT,
    UNAUTHENTICATED,
    STEP_UP_REQUIRED,
    FORBIDDEN,
    NOT_FOUND,
    GONE,
    CONFLICT,
    PRECONDITION_FAILED,
    RANGE_NOT_SATISFIABLE,
    RANGE_REQUIRED,
    LENGTH_REQUIRED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    INTEGRITY,
    MISDIRECTED,
    BUSY,
    DEPENDENCY_UNAVAILABLE
}
