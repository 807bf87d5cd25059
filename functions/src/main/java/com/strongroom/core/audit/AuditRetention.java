package com.strongroom.core.audit;

import com.strongroom.core.model.AuditEvent.EventClass;
import java.time.Duration;

/** How long each class of audit event is kept; never below the minimum the promise makes. */
public record AuditRetention(Duration access, Duration admin, Duration security) {
    public static final Duration MIN_ACCESS = Duration.ofDays(14);
    public static final Duration MIN_ADMIN_AND_SECURITY = Duration.ofDays(365);

    public AuditRetention {
        if (access.compareTo(MIN_ACCESS) < 0) {
            throw new IllegalArgumentException("access events must be kept at least 14 days");
        }
        if (admin.compareTo(MIN_ADMIN_AND_SECURITY) < 0 || security.compareTo(MIN_ADMIN_AND_SECURITY) < 0) {
            throw new IllegalArgumentException("admin and security events must be kept at least 12 months");
        }
    }

    public Duration of(EventClass eventClass) {
        return switch (eventClass) {
            case ACCESS -> access;
            case ADMIN -> admin;
            case SECURITY -> security;
        };
    }

    public Duration ofChain(String chain) {
        return of(EventClass.valueOf(ChainedEvent.classChainOf(chain).toUpperCase(java.util.Locale.ROOT)));
    }
}
