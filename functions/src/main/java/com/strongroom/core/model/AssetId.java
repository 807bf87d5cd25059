package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.UUID;
import java.util.regex.Pattern;

/** An asset's id: a random UUID in lower-case hex, chosen by Strongroom, never by the caller. */
public record AssetId(String value) {
    private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    public AssetId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("assetId", "is not an asset id");
        }
    }

    public static AssetId of(String value) {
        return new AssetId(value);
    }

    public static AssetId random() {
        return new AssetId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
