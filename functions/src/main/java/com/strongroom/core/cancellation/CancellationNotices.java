package com.strongroom.core.cancellation;

import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a cancelled tenant's admins are told, through the notifier: that it was requested, when the purge is due,
 * that it was revoked, and, last, the deletion certificate. Each is one notice with an id of its own, so telling
 * twice (a step run again) sends once.
 */
final class CancellationNotices {
    static final int REQUESTED = 0;
    static final int GRACE = 1;
    static final int REVOKED = 2;
    static final int CERTIFICATE = 3;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final NoticeStore notices;
    private final NoticeJobs jobs;
    private final Clock clock;

    CancellationNotices(NoticeStore notices, NoticeJobs jobs, Clock clock) {
        this.notices = notices;
        this.jobs = jobs;
        this.clock = clock;
    }

    void requested(Cancellation c) {
        tell(c, REQUESTED, "Your Strongroom tenant is being cancelled",
                "Strongroom received the cancellation of tenant " + c.tenantId() + " on " + UTC.format(c.requestedAt())
                        + ".\n\n" + (c.exportFirst() ? "An export of all its files, their metadata and its audit"
                        + " trail is being built first. " : "")
                        + "From now on the tenant's users can only read and download its exports. Its data and keys"
                        + " will be deleted " + c.graceDays() + " days after " + (c.exportFirst()
                        ? "the export is ready" : "today") + "; until then the cancellation can be reversed."
                        + "\n\nEvery date is at GET /api/tenants/" + c.tenantId() + "/cancellation.");
    }

    void inGrace(Cancellation c) {
        tell(c, GRACE, "Your Strongroom tenant will be deleted on " + UTC.format(c.purgeAt().orElseThrow()),
                "The grace period of tenant " + c.tenantId() + " has begun." + c.exportId().map(x -> " Export " + x
                        + " is ready to download at GET /api/tenants/" + c.tenantId() + "/exports/" + x + "/content.")
                        .orElse("") + "\n\nOn " + UTC.format(c.purgeAt().orElseThrow()) + " every file, document and"
                        + " key of the tenant will be deleted. Until then the cancellation can be reversed.");
    }

    void revoked(Cancellation c) {
        tell(c, REVOKED, "The cancellation of your Strongroom tenant was reversed",
                "The cancellation of tenant " + c.tenantId() + " was reversed on "
                        + UTC.format(c.enteredAt().get(Cancellation.State.REVOKED)) + ". The tenant is served again"
                        + " as before; nothing was deleted.");
    }

    /** The certificate's notice, stored but not queued: the purge delivers it itself before the contacts go. */
    Notice certificate(Cancellation c) {
        return notices.createIfAbsent(notice(c, CERTIFICATE, "Your Strongroom tenant was deleted",
                "Every file, document and key of tenant " + c.tenantId() + " was deleted; the deletion certificate"
                        + " below is signed with the stamp's signing key (verify it with GET /api/signing-keys).\n\n"
                        + c.purge().certificate().orElseThrow()));
    }

    private void tell(Cancellation c, int sequence, String subject, String text) {
        Notice notice = notices.createIfAbsent(notice(c, sequence, subject, text));
        jobs.enqueue(notice.tenantId(), notice.id(), Duration.ZERO);
    }

    private Notice notice(Cancellation c, int sequence, String subject, String text) {
        Instant now = clock.instant();
        return new Notice(NoticeId.cancellation(c.id(), sequence), c.tenantId(), Notice.Kind.CANCELLATION, subject,
                text, Contacts.Audience.ADMINS, now);
    }
}
