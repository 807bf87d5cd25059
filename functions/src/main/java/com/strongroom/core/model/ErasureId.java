package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.UUID;

/** An erasure request's id: a random UUID in lower-case hex, chosen by Strongroom. */
public record ErasureId(String value) {
    public ErasureId {
        if (!RandomIds.wellFormed(value)) {
            throw new InvalidInputException("erasureId", "is not an erasure request id");
        }
    }

    public static ErasureId of(String value) {
        return new ErasureId(value);
    }

    public static ErasureId random() {
        return new ErasureId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
