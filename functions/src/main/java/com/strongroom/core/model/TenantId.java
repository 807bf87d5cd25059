package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A customer tenant's id: lower-case letters, digits and inner hyphens, 3 to 63 characters, so that it is safe
 * in a Key Vault key name, a blob path and a Cosmos partition key alike.
 */
public record TenantId(String value) {
    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$");

    public TenantId {
        if (value == null || !SHAPE.matcher(value).matches() || value.contains("--")) {
            throw new InvalidInputException("tenantId",
                    "must be 3-63 lower-case letters, digits or single inner hyphens");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
