package com.strongroom.core.tenant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.model.TenantId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers for the associated data of keys sealed under the TDK, as docs/formats.md documents them. */
class KeyBindingsTest {
    @Test
    void blindIndexKeyAadIsDocumentedBytes() {
        assertEquals("53522d42494b0061636d650031",
                HexFormat.of().formatHex(KeyBindings.blindIndexKey(TenantId.of("acme"), 1)));
    }

    @Test
    void dataKeyAadIsDocumentedBytes() {
        assertEquals("53522d44454b0061636d650061737365742d303030310031",
                HexFormat.of().formatHex(KeyBindings.dataKey(TenantId.of("acme"), "asset-0001", 1)));
    }

    @Test
    void aDataKeySealedForOneAssetOpensForNoOtherAssetTenantOrTdkVersion() {
        byte[] tdk = Aes256Gcm.newKey();
        byte[] dek = Aes256Gcm.newKey();
        byte[] sealed = Aes256Gcm.seal(tdk, dek, KeyBindings.dataKey(TenantId.of("acme"), "asset-0001", 1));
        assertArrayEquals(dek, Aes256Gcm.open(tdk, sealed, KeyBindings.dataKey(TenantId.of("acme"), "asset-0001", 1)));
        assertThrows(TamperedException.class,
                () -> Aes256Gcm.open(tdk, sealed, KeyBindings.dataKey(TenantId.of("acme"), "asset-0002", 1)));
        assertThrows(TamperedException.class,
                () -> Aes256Gcm.open(tdk, sealed, KeyBindings.dataKey(TenantId.of("globex"), "asset-0001", 1)));
        assertThrows(TamperedException.class,
                () -> Aes256Gcm.open(tdk, sealed, KeyBindings.dataKey(TenantId.of("acme"), "asset-0001", 2)));
    }
}
