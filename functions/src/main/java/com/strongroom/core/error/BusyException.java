package com.strongroom.core.error;

import java.util.Map;

/** This instance holds as many bytes in memory as it may; the caller should try again after {@code retryAfter}. */
public final class BusyException extends StrongroomException {
    private final long retryAfterSeconds;

    public BusyException(String message, long retryAfterSeconds) {
        super(FailureKind.BUSY, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("retryAfterSeconds", retryAfterSeconds);
    }
}
