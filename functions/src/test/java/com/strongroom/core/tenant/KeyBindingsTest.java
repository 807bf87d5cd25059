package com.strongroom.core.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.model.TenantId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answer for the blind-index key's associated data, as docs/formats.md documents it. */
class KeyBindingsTest {
    @Test
    void blindIndexKeyAadIsDocumentedBytes() {
        assertEquals("53522d42494b0061636d650031",
                HexFormat.of().formatHex(KeyBindings.blindIndexKey(TenantId.of("acme"), 1)));
    }
}
