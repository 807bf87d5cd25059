package com.strongroom.core.asset;

import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Blind index of data-subject identifiers (docs/formats.md): {@code hex(HMAC-SHA-256(tenant's blind-index key,
 * UTF-8(normalised identifier)))}, normalised as NFKC, surrounding white space removed, lower-cased. Equal
 * identifiers give equal values within a tenant; without the key, a value says nothing about the identifier.
 */
public final class BlindIndex {
    private BlindIndex() {
    }

    public static String normalise(String identifier) {
        return Normalizer.normalize(identifier, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    public static String value(byte[] key, String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(normalise(identifier).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
        }
    }

    /** The distinct index values of identifiers, in the order given. */
    public static List<String> values(byte[] key, List<String> identifiers) {
        return identifiers.stream().map(id -> value(key, id)).distinct().toList();
    }

    /** The tenant's distinct index values of {@code identifiers}; its key is unsealed for the call, then wiped. */
    public static List<String> of(TenantKeyring keyring, Tenant tenant, List<String> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        byte[] key = keyring.blindIndexKey(tenant);
        try {
            return values(key, identifiers);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
