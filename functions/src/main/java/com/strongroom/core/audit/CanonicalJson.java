package com.strongroom.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values audit events and receipts hold: objects with string
 * keys, arrays, strings, integers, booleans and null. Members are sorted by their keys' UTF-16 code units; there is no
 * whitespace; strings are escaped as ECMAScript's JSON.stringify does. Non-integral numbers are refused rather
 * than serialised in a way that could differ from the RFC.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    public static byte[] bytes(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        write(object, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            long n = ((Number) value).longValue();
            if (Math.abs(n) > (1L << 53)) {
                throw new IllegalArgumentException("integer outside the IEEE-754 exact range");
            }
            out.append(n);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            for (Object key : map.keySet()) {
                keys.add((String) key);
            }
            keys.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(keys.get(i), out);
                out.append(':');
                write(map.get(keys.get(i)), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no canonical form for " + value.getClass().getSimpleName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
