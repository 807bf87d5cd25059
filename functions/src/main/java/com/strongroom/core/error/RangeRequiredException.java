package com.strongroom.core.error;

import java.util.Map;

/** The whole content is larger than one response may carry; the caller must read it in ranges. */
public final class RangeRequiredException extends StrongroomException {
    private final long size;
    private final long maxResponseBytes;

    public RangeRequiredException(long size, long maxResponseBytes) {
        super(FailureKind.RANGE_REQUIRED, "the content is " + size + " bytes; read it with Range requests of at most " + maxResponseBytes
                + " bytes");
        this.size = size;
        this.maxResponseBytes = maxResponseBytes;
    }

    public long size() {
        return size;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("size", size, "maxResponseBytes", maxResponseBytes);
    }
}
