package com.strongroom.core.notice;

import com.strongroom.core.access.Operation;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContactStore;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.Notifier;
import com.strongroom.core.port.SendBudget;
import com.strongroom.core.port.SendLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The notifier's worker: sends one tenant's notice to each of its recipients exactly once, through the send ledger.
 * <p>
 * Per recipient: a pending entry; then, within the shared send budget, a claim (sending, leased for
 * {@link #LEASE}); the send under the entry's id, which is the provider's operation id; and the record of what the
 * provider accepted. A worker that finds an entry claimed by another waits for the lease to end; one that finds an
 * unfinished claim (its claimant died before or after sending) first asks the provider whether it accepted that id,
 * and sends only if it did not. A provider that asks to slow down, or a spent budget, defers the notice: the message
 * is queued again for later and nothing is dropped. After the queue's last delivery the unsent entries are marked
 * failed, shown on the notice, and {@code retry} starts them again.
 */
public final class DeliverNotices {
    /** How long a claim keeps other workers off an entry: longer than one send takes, however slow. */
    public static final Duration LEASE = Duration.ofSeconds(90);
    private static final int RACE_ATTEMPTS = 5;

    private final NoticeStore notices;
    private final ContactStore contacts;
    private final SendLedger ledger;
    private final SendBudget budget;
    private final Notifier notifier;
    private final NoticeJobs jobs;
    private final AuditRecorder audit;
    private final Clock clock;

    /** A message of the notifications queue: a stored notice, or the first use of a consent grant. */
    public sealed interface Job permits Job.Send, Job.ConsentFirstUse {
        TenantId tenantId();

        record Send(TenantId tenantId, NoticeId noticeId) implements Job {
            public Send {
                Objects.requireNonNull(tenantId, "tenantId");
                Objects.requireNonNull(noticeId, "noticeId");
            }
        }

        record ConsentFirstUse(TenantId tenantId, GrantId grantId) implements Job {
            public ConsentFirstUse {
                Objects.requireNonNull(tenantId, "tenantId");
                Objects.requireNonNull(grantId, "grantId");
            }
        }
    }

    /** What became of a notice on this delivery. */
    public record Outcome(int sent, int alreadySent, int failed, Optional<Duration> deferredBy) {
    }

    public DeliverNotices(NoticeStore notices, ContactStore contacts, SendLedger ledger, SendBudget budget,
                          Notifier notifier, NoticeJobs jobs, AuditRecorder audit, Clock clock) {
        this.notices = notices;
        this.contacts = contacts;
        this.ledger = ledger;
        this.budget = budget;
        this.notifier = notifier;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    public Outcome handle(Job job, QueueDelivery attempt) {
        Optional<Notice> notice = noticeOf(job);
        if (notice.isEmpty()) {
            return new Outcome(0, 0, 0, Optional.empty());
        }
        try {
            return deliver(notice.get());
        } catch (RuntimeException e) {
            if (attempt.last()) {
                markUnsentFailed(notice.get(), e);
            }
            throw e;
        }
    }

    private Optional<Notice> noticeOf(Job job) {
        if (job instanceof Job.ConsentFirstUse firstUse) {
            return Optional.of(notices.createIfAbsent(NoticeTexts.consentFirstUse(firstUse.tenantId(),
                    firstUse.grantId(), clock.instant())));
        }
        Job.Send send = (Job.Send) job;
        // A notice that is not there was never stored (the request that queued it failed before): nothing to send.
        return notices.find(send.tenantId(), send.noticeId());
    }

    private Outcome deliver(Notice notice) {
        Contacts to = contacts.find(notice.tenantId()).orElse(Contacts.none());
        int sent = 0;
        int already = 0;
        int failed = 0;
        Optional<Duration> deferral = Optional.empty();
        // Every recipient's entry first, so that the notice shows all of them pending (or failed) from the start.
        List<Delivery> entries = to.recipients(notice.audience()).stream().map(recipient -> ledger.createIfAbsent(
                Delivery.pending(notice.tenantId(), notice.id(), recipient, clock.instant()))).toList();
        Slots slots = new Slots((int) entries.stream().filter(e -> e.state() != Delivery.State.SENT
                && e.state() != Delivery.State.FAILED).count());
        for (Delivery entry : entries) {
            Result result = deliverOne(notice, entry, slots);
            switch (result.kind) {
                case SENT -> sent++;
                case ALREADY_SENT -> already++;
                case FAILED -> failed++;
                case DEFERRED -> deferral = Optional.of(deferral.map(d -> max(d, result.delay)).orElse(result.delay));
            }
        }
        deferral.ifPresent(wait -> jobs.enqueue(notice.tenantId(), notice.id(), wait));
        return new Outcome(sent, already, failed, deferral);
    }

    private enum Kind { SENT, ALREADY_SENT, FAILED, DEFERRED }

    private record Result(Kind kind, Duration delay) {
        static Result of(Kind kind) {
            return new Result(kind, Duration.ZERO);
        }

        static Result deferred(Duration delay) {
            return new Result(Kind.DEFERRED, delay);
        }
    }

    private Result deliverOne(Notice notice, Delivery entry, Slots slots) {
        Delivery current = entry;
        for (int race = 1; ; race++) {
            try {
                return step(notice, current, slots);
            } catch (PreconditionFailedException e) {
                // Another worker wrote the entry since it was read: read it again and decide anew.
                if (race == RACE_ATTEMPTS) {
                    throw e;
                }
                current = ledger.find(entry.tenantId(), entry.id()).orElseThrow(() -> e);
            }
        }
    }

    private Result step(Notice notice, Delivery entry, Slots slots) {
        Instant now = clock.instant();
        switch (entry.state()) {
            case SENT:
                return Result.of(Kind.ALREADY_SENT);
            case FAILED:
                return Result.of(Kind.FAILED);
            case SENDING:
                Instant until = entry.claimedUntil().orElse(now);
                if (until.isAfter(now)) {
                    return Result.deferred(Duration.between(now, until));
                }
                break;
            default:
                break;
        }
        // Claimed before (a claimant that died, a throttled send, a retry after failure): the provider may have it.
        if (entry.attempts() > 0) {
            Optional<String> accepted = notifier.accepted(entry.id());
            if (accepted.isPresent()) {
                ledger.replace(entry.sent(accepted.get(), now));
                return Result.of(Kind.SENT);
            }
        }
        if (!slots.take(now)) {
            return Result.deferred(slots.retryAfter);
        }
        Delivery claimed = ledger.replace(entry.claimed(now, now.plus(LEASE)));
        String operation;
        try {
            operation = notifier.send(NoticeTexts.email(notice, entry.recipient()), entry.id());
        } catch (Notifier.Throttled e) {
            ledger.replace(claimed.retried(clock.instant()));
            return Result.deferred(e.retryAfter());
        }
        ledger.replace(claimed.sent(operation, clock.instant()));
        return Result.of(Kind.SENT);
    }

    /**
     * The sends this delivery of a notice may make: drawn from the shared budget once, for all its unsent recipients,
     * when the first of them is about to be sent, so the budget's one document is written once per notice.
     */
    private final class Slots {
        private final int wanted;
        private int left = -1;
        private Duration retryAfter = Duration.ZERO;

        Slots(int wanted) {
            this.wanted = wanted;
        }

        boolean take(Instant now) {
            if (left < 0) {
                SendBudget.Grant grant = budget.reserve(now, Math.max(1, wanted));
                left = grant.sends();
                retryAfter = grant.retryAfter();
            }
            if (left == 0) {
                return false;
            }
            left--;
            return true;
        }
    }

    private void markUnsentFailed(Notice notice, RuntimeException cause) {
        String why = cause.getClass().getSimpleName();
        for (Delivery entry : ledger.forNotice(notice.tenantId(), notice.id())) {
            if (entry.state() == Delivery.State.SENT || entry.state() == Delivery.State.FAILED) {
                continue;
            }
            try {
                ledger.replace(entry.failed(why, clock.instant()));
            } catch (PreconditionFailedException e) {
                // Another worker finished it meanwhile.
            }
        }
        audit.system(Operation.NOTICE_FAIL, notice.tenantId().value(), "notices/" + notice.id(), why, "");
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
