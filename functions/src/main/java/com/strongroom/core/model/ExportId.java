package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.UUID;

/** An export's id: a random UUID in lower-case hex, chosen by Strongroom. */
public record ExportId(String value) {
    public ExportId {
        if (!RandomIds.wellFormed(value)) {
            throw new InvalidInputException("exportId", "is not an export id");
        }
    }

    public static ExportId of(String value) {
        return new ExportId(value);
    }

    public static ExportId random() {
        return new ExportId(UUID.randomUUID().toString());
    }

    /**
     * The id the package's content and content key are kept under: in the {@code exports} container and the keyring,
     * as an asset's are under its own id (both random UUIDs, so they never meet).
     */
    public AssetId contentId() {
        return AssetId.of(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
