package com.strongroom.core.consent;

import com.strongroom.core.error.InvalidInputException;

/** Checks of the free text a grant carries: present, bounded, no control characters. */
final class Text {
    private Text() {
    }

    static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidInputException(field, "is at most " + maxLength + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        return stripped;
    }
}
