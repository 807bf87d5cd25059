package com.strongroom.core.tenant;

import com.strongroom.core.model.TenantId;
import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds a key sealed under the TDK to what it belongs to. Documented in
 * docs/formats.md; changing a byte here makes every stored key unreadable.
 */
public final class KeyBindings {
    private KeyBindings() {
    }

    /** {@code "SR-BIK" 0x00 tenantId 0x00 tdkVersion(decimal)}, UTF-8. */
    public static byte[] blindIndexKey(TenantId tenant, int tdkVersion) {
        return ("SR-BIK\0" + tenant.value() + "\0" + tdkVersion).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code "SR-DEK" 0x00 tenantId 0x00 assetId 0x00 tdkVersion(decimal)}, UTF-8: a DEK sealed under the TDK. */
    public static byte[] dataKey(TenantId tenant, String assetId, int tdkVersion) {
        return ("SR-DEK\0" + tenant.value() + "\0" + assetId + "\0" + tdkVersion).getBytes(StandardCharsets.UTF_8);
    }
}
