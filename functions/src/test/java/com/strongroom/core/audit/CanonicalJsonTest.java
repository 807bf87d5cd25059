package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static String canonical(Map<String, ?> object) {
        return new String(CanonicalJson.bytes(object), StandardCharsets.UTF_8);
    }

    /** RFC 8785 section 3.2.3: members sorted by UTF-16 code units, so U+1F600 (a surrogate pair) precedes U+FB33. */
    @Test
    void sortsMembersAsTheRfcSortingExample() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("\u20ac", "Euro Sign");
        object.put("\r", "Carriage Return");
        object.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        object.put("1", "One");
        object.put("\ud83d\ude00", "Emoji: Grinning Face");
        object.put("\u0080", "Control");
        object.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                canonical(object));
    }

    @Test
    void escapesOnlyWhatJsonStringifyEscapes() {
        Map<String, Object> object = Map.of("s", "quote\" backslash\\ nl\n tab\t bs\b ff\f cr\r ctl\u0001\u001f del\u007f é/");
        assertEquals("{\"s\":\"quote\\\" backslash\\\\ nl\\n tab\\t bs\\b ff\\f cr\\r ctl\\u0001\\u001f del\u007f é/\"}",
                canonical(object));
    }

    @Test
    void writesIntegersBooleansNullAndNestedObjectsWithoutWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", true);
        inner.put("a", null);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("n", -42L);
        object.put("max", 9007199254740992L);
        object.put("inner", inner);
        assertEquals("{\"inner\":{\"a\":null,\"b\":true},\"max\":9007199254740992,\"n\":-42}", canonical(object));
    }

    @Test
    void writesArraysInTheirOwnOrderWithTheirMembersCanonical() {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("z", 1L);
        member.put("a", List.of());
        Map<String, Object> object = Map.of("list", List.of("b", "a", member, true));
        assertEquals("{\"list\":[\"b\",\"a\",{\"a\":[],\"z\":1},true]}", canonical(object));
    }

    @Test
    void refusesValuesWithoutAnExactCanonicalForm() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(Map.of("x", 1.5)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(Map.of("x", (1L << 53) + 1)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(Map.of("x", new Object())));
    }
}
