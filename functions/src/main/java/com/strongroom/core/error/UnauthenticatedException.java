package com.strongroom.core.error;

/** No token, or a token that does not validate. The message is safe to return; it never echoes the token. */
public final class UnauthenticatedException extends StrongroomException {
    public UnauthenticatedException(String message) {
        super(FailureKind.UNAUTHENTICATED, message);
    }
}
