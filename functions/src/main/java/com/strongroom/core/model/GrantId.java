package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.UUID;

/** A consent grant's id: a random UUID in lower-case hex, chosen by Strongroom. */
public record GrantId(String value) {
    public GrantId {
        if (!RandomIds.wellFormed(value)) {
            throw new InvalidInputException("grantId", "is not a grant id");
        }
    }

    public static GrantId of(String value) {
        return new GrantId(value);
    }

    public static GrantId random() {
        return new GrantId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
