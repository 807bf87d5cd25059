package com.strongroom.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What one tenant is told: a subject and a plain-text body (ids, dates and facts; never file content, never a data
 * subject's identifier), for an audience of its contacts. One notice per tenant and event.
 */
public record Notice(NoticeId id, TenantId tenantId, Kind kind, String subject, String text,
                     Contacts.Audience audience, Instant createdAt) {
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public enum Kind {
        CONSENT_FIRST_USE("consent.first-use"), MAINTENANCE("maintenance"), INCIDENT("incident"),
        INCIDENT_UPDATE("incident.update"), CANCELLATION("cancellation");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
