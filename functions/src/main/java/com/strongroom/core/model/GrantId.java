package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.UUID;
import java.util.regex.Pattern;

/** A consent grant's id: a random UUID in lower-case hex, chosen by Strongroom. */
public record GrantId(String value) {
    private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    public GrantId {
        if (value == null || !SHAPE.matcher(value).matches()) {
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
