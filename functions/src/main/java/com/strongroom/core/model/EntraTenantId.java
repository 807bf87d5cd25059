package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Microsoft Entra tenant (directory) id: the {@code tid} of a token, a GUID held in lower case. The
 * personal Microsoft accounts tenant is not an organisation and is never a valid directory of a customer or of
 * the vendor.
 */
public record EntraTenantId(String value) {
    /** The tenant of personal Microsoft accounts (Entra ID access-token claims reference, {@code iss} and {@code tid}). */
    public static final String PERSONAL_ACCOUNTS = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    public EntraTenantId {
        value = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (value == null || !GUID.matcher(value).matches()) {
            throw new InvalidInputException("entraTenantId", "must be a GUID");
        }
        if (value.equals(PERSONAL_ACCOUNTS)) {
            throw new InvalidInputException("entraTenantId", "must be an organisation's tenant, not personal accounts");
        }
    }

    public static EntraTenantId of(String value) {
        return new EntraTenantId(value);
    }

    /** True for the shape of a GUID, whatever its case. */
    public static boolean isGuid(String value) {
        return value != null && GUID.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
