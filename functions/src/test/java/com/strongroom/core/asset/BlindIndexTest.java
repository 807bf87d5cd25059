package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of docs/formats.md, computed independently with Python's hmac and unicodedata. */
class BlindIndexTest {
    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) i;
        }
    }

    @Test
    void knownAnswers() {
        assertEquals("720270129456a53d1a00a7e75d9d7c9510aa9a59702f80e7c9adefb76b05e8b7",
                BlindIndex.value(KEY, "  Jane.Doe@Example.COM "));
        assertEquals("f2df59308ee5aaf6930c984c8d9733fe6ef57079f45260727a424a27d07fa199",
                BlindIndex.value(KEY, "\uff50\uff45\uff52\uff53\uff4f\uff4e\uff0d\uff14\uff17\uff11\uff11"));
    }

    @Test
    void anotherTenantsKeyGivesAnotherValueAndDuplicatesCollapse() {
        byte[] other = KEY.clone();
        other[0] = 1;
        assertNotEquals(BlindIndex.value(KEY, "person-4711"), BlindIndex.value(other, "person-4711"));
        assertEquals(1, BlindIndex.values(KEY, List.of("Person-4711", " person-4711")).size());
    }
}
