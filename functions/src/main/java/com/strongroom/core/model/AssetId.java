package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.UUID;

/** An asset's id: a random UUID in lower-case hex, chosen by Strongroom, never by the caller. */
public record AssetId(String value) {
    public AssetId {
        if (!RandomIds.wellFormed(value)) {
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
