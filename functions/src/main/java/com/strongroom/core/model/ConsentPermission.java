package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.Arrays;

/** What a consent grant lets its grantee do with the assets in its scope. */
public enum ConsentPermission {
    METADATA_READ("metadata:read"),
    CONTENT_READ("content:read");

    private final String value;

    ConsentPermission(String value) {
        this.value = value;
    }

    /** The name in requests, responses and the stored grant. */
    public String value() {
        return value;
    }

    public static ConsentPermission of(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException("permissions", "may hold only metadata:read and content:read"));
    }
}
