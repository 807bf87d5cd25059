package com.strongroom.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.notice.AnnounceMaintenance;
import com.strongroom.core.notice.TenantNotices;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON shapes of the contacts, notices and maintenance routes. */
final class NoticeViews {
    private NoticeViews() {
    }

    /** The body of {@code PUT /tenants/{t}/contacts}; unknown members are refused. */
    record ContactsRequest(List<String> privacy, List<String> security, List<String> admins) {
        Contacts toContacts() {
            return new Contacts(addresses("privacy", privacy), addresses("security", security),
                    addresses("admins", admins));
        }
    }

    /** The body of {@code POST /maintenance-notices}: {@code tenants} is "all" or a list of tenant ids. */
    record MaintenanceRequest(Window window, JsonNode tenants, String text) {
        AnnounceMaintenance.Command toCommand() {
            if (window == null) {
                throw new InvalidInputException("window", "is required");
            }
            return new AnnounceMaintenance.Command(instant("window.from", window.from()),
                    instant("window.to", window.to()), tenantsOf(tenants), text);
        }
    }

    record Window(String from, String to) {
    }

    private static Optional<List<TenantId>> tenantsOf(JsonNode tenants) {
        if (tenants != null && tenants.isTextual() && tenants.asText().equals("all")) {
            return Optional.empty();
        }
        if (tenants == null || !tenants.isArray()) {
            throw new InvalidInputException("tenants", "is \"all\" or a list of tenant ids");
        }
        List<TenantId> out = new ArrayList<>();
        for (JsonNode t : tenants) {
            if (!t.isTextual()) {
                throw new InvalidInputException("tenants", "may hold only tenant ids");
            }
            out.add(TenantId.of(t.asText()));
        }
        return Optional.of(out);
    }

    static Instant instant(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "is not an ISO 8601 instant (2026-12-01T02:00:00Z)");
        }
    }

    private static List<EmailAddress> addresses(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<EmailAddress> out = new ArrayList<>();
        for (String value : values) {
            try {
                out.add(EmailAddress.of(value));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field, "holds something that is not an email address");
            }
        }
        return out;
    }

    static Map<String, Object> contacts(Contacts contacts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("privacy", contacts.privacy().stream().map(EmailAddress::value).toList());
        view.put("security", contacts.security().stream().map(EmailAddress::value).toList());
        view.put("admins", contacts.admins().stream().map(EmailAddress::value).toList());
        return view;
    }

    static Map<String, Object> listing(TenantNotices.Listing listing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notices", listing.notices().stream().map(NoticeViews::notice).toList());
        body.put("continuation", listing.continuation().orElse(null));
        return body;
    }

    static Map<String, Object> notice(TenantNotices.Stated stated) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", stated.notice().id().value());
        view.put("kind", stated.notice().kind().value());
        view.put("subject", stated.notice().subject());
        view.put("text", stated.notice().text());
        view.put("createdAt", stated.notice().createdAt().toString());
        view.put("deliveries", deliveries(stated.deliveries()));
        view.put("unreachable", stated.deliveries().isEmpty());
        return view;
    }

    /** Deliveries per state, every state named (0 when none is in it). */
    static Map<String, Object> deliveries(Map<Delivery.State, Integer> counts) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (Delivery.State state : Delivery.State.values()) {
            view.put(state.name().toLowerCase(Locale.ROOT), counts.getOrDefault(state, 0));
        }
        return view;
    }

    static Map<String, Object> announced(AnnounceMaintenance.Announced announced) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("maintenanceId", announced.maintenanceId());
        view.put("tenants", announced.tenants());
        return view;
    }
}
