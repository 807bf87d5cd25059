package com.strongroom.core.notice;

import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.Notifier;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The words of each notice, and of the email that carries it: ids, dates and facts, never file content. */
final class NoticeTexts {
    static final String SUBJECT_PREFIX = "[Strongroom] ";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private NoticeTexts() {
    }

    static Notice consentFirstUse(TenantId tenant, GrantId grant, Instant now) {
        return new Notice(NoticeId.consentFirstUse(grant), tenant, Notice.Kind.CONSENT_FIRST_USE,
                "Support used your consent grant for the first time",
                "A support engineer used consent grant " + grant + " for the first time, at or just before "
                        + UTC.format(now) + ".\n\nEvery access made under the grant is listed at"
                        + " GET /api/tenants/" + tenant + "/consent-grants/" + grant + "/accesses, and you can revoke"
                        + " the grant at any time (DELETE /api/tenants/" + tenant + "/consent-grants/" + grant + ").",
                Contacts.Audience.ADMINS, now);
    }

    static Notice maintenance(String maintenanceId, TenantId tenant, Instant from, Instant to, String text, Instant now) {
        return new Notice(NoticeId.maintenance(maintenanceId), tenant, Notice.Kind.MAINTENANCE,
                "Planned maintenance from " + UTC.format(from),
                "Strongroom will be under maintenance from " + UTC.format(from) + " to " + UTC.format(to) + ".\n\n"
                        + text, Contacts.Audience.ADMINS, now);
    }

    static Notifier.Email email(Notice notice, EmailAddress to) {
        return new Notifier.Email(to, SUBJECT_PREFIX + notice.subject(), notice.text()
                + "\n\n--\nThis notice concerns your Strongroom tenant " + notice.tenantId()
                + ". It carries no file content. Notice " + notice.id() + ".\n");
    }
}
