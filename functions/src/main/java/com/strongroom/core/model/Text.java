package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;

/**
 * The one check of free text a person types (names, purposes, tickets): present, bounded, and without control or
 * invisible formatting characters, which could hide or reorder what an auditor reads (bidirectional overrides,
 * zero-width joiners) or break a log line.
 */
public final class Text {
    private Text() {
    }

    /** {@code value} stripped, if it is 1 to {@code maxLength} characters of visible text; otherwise a 400. */
    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidInputException(field, "is at most " + maxLength + " characters");
        }
        if (hasControl(stripped)) {
            throw new InvalidInputException(field, "must not contain control or invisible formatting characters");
        }
        return stripped;
    }

    /**
     * Like {@link #required}, for text of several lines: line breaks are kept (as {@code \n}), every other control
     * or invisible formatting character is refused.
     */
    public static String paragraphs(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String normalised = value.replace("\r\n", "\n").strip();
        if (normalised.length() > maxLength) {
            throw new InvalidInputException(field, "is at most " + maxLength + " characters");
        }
        for (String line : normalised.split("\n", -1)) {
            if (hasControl(line)) {
                throw new InvalidInputException(field, "must not contain control or invisible formatting characters");
            }
        }
        return normalised;
    }

    /** True when {@code value} holds a control character or an invisible formatting one (Unicode category Cf). */
    public static boolean hasControl(String value) {
        return value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }
}
