package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whom Strongroom tells about a tenant: its privacy contacts (the data-protection officer), security contacts and
 * admins. Each list holds distinct addresses, at most {@link #MAX_PER_ROLE}.
 */
public record Contacts(List<EmailAddress> privacy, List<EmailAddress> security, List<EmailAddress> admins) {
    public static final int MAX_PER_ROLE = 10;

    public Contacts {
        privacy = checked("privacy", privacy);
        security = checked("security", security);
        admins = checked("admins", admins);
    }

    public static Contacts none() {
        return new Contacts(List.of(), List.of(), List.of());
    }

    /** Who receives a notice for this audience, each address once. */
    public List<EmailAddress> recipients(Audience audience) {
        Set<EmailAddress> out = new LinkedHashSet<>();
        if (audience == Audience.ALL_CONTACTS) {
            out.addAll(privacy);
            out.addAll(security);
        }
        out.addAll(admins);
        return List.copyOf(out);
    }

    /** Which contacts a notice goes to: the admins only, or every contact (incidents). */
    public enum Audience { ADMINS, ALL_CONTACTS }

    private static List<EmailAddress> checked(String field, List<EmailAddress> addresses) {
        List<EmailAddress> list = addresses == null ? List.of() : List.copyOf(addresses);
        if (list.size() > MAX_PER_ROLE) {
            throw new InvalidInputException(field, "holds at most " + MAX_PER_ROLE + " addresses");
        }
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw new InvalidInputException(field, "lists an address twice");
        }
        return list;
    }
}
