package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A notice's id: a kind prefix and the id of what it is about, so that asking twice for the same notice (a queue
 * message delivered again, a first use reported by two requests) names the same notice.
 */
public record NoticeId(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z][a-z-]{1,30}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}(-[0-9]{1,4})?");

    public NoticeId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidInputException("noticeId", "is not a notice id");
        }
    }

    public static NoticeId of(String value) {
        return new NoticeId(value);
    }

    public static NoticeId consentFirstUse(GrantId grant) {
        return new NoticeId("consent-first-use-" + grant.value());
    }

    public static NoticeId maintenance(String maintenanceId) {
        return new NoticeId("maintenance-" + maintenanceId);
    }

    /** The n-th notice of an incident: 0 the first, then each update. */
    public static NoticeId incident(String incidentId, int sequence) {
        return new NoticeId("incident-" + incidentId + "-" + sequence);
    }

    /** The n-th notice of a tenant's cancellation: 0 requested, then grace, revoked, certificate. */
    public static NoticeId cancellation(String cancellationId, int sequence) {
        return new NoticeId("cancellation-" + cancellationId + "-" + sequence);
    }

    @Override
    public String toString() {
        return value;
    }
}
