package com.strongroom.core.model;

import java.util.regex.Pattern;

/** The shape of ids Strongroom chooses itself: a random UUID in lower-case hex. */
final class RandomIds {
    private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private RandomIds() {
    }

    static boolean wellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }
}
