package com.strongroom.core.error;

import java.util.Map;

/** A byte range that lies outside the content; carries the content's length for {@code Content-Range}. */
public final class RangeNotSatisfiableException extends StrongroomException {
    private final long size;

    public RangeNotSatisfiableException(long size) {
        super(FailureKind.RANGE_NOT_SATISFIABLE, "the range lies outside the content of " + size + " bytes");
        this.size = size;
    }

    public long size() {
        return size;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("size", size);
    }
}
