package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address of a tenant's contact: a dot-atom local part and a domain of letters, digits and hyphens with a
 * top-level label, as RFC 5321 allows for a mailbox a notice is sent to (no quoted local parts, no address
 * literals, no display names). The domain is kept in lower case. Personal data: never logged, never audited.
 */
public record EmailAddress(String value) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public EmailAddress {
        value = normalised(value);
    }

    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    private static String normalised(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw invalid();
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at > 64 || at == value.length() - 1 || !LOCAL.matcher(value.substring(0, at)).matches()) {
            throw invalid();
        }
        String domain = value.substring(at + 1).toLowerCase(Locale.ROOT);
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalid();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid();
            }
        }
        return value.substring(0, at) + "@" + domain;
    }

    // The address itself is not repeated in the error: it is personal data, and problems are logged.
    private static InvalidInputException invalid() {
        return new InvalidInputException("email", "is not an address a notice can be sent to (local-part@domain.tld)");
    }

    @Override
    public String toString() {
        return "EmailAddress[redacted]";
    }
}
