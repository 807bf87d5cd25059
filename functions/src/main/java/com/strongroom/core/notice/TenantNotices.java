package com.strongroom.core.notice;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.SendLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a tenant was told (consent, maintenance and incident notices alike, each with the state of its deliveries),
 * and the retry of a notice whose deliveries failed.
 */
public final class TenantNotices {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    private final AccessControl access;
    private final NoticeStore notices;
    private final SendLedger ledger;
    private final NoticeJobs jobs;
    private final Clock clock;

    /** A notice and how many of its deliveries are in each state; no recipient is named. */
    public record Stated(Notice notice, Map<Delivery.State, Integer> deliveries) {
        public int count(Delivery.State state) {
            return deliveries.getOrDefault(state, 0);
        }
    }

    public record Listing(List<Stated> notices, Optional<String> continuation) {
    }

    public record Paging(int pageSize, Optional<String> continuation) {
        public Paging {
            PageSize.checked(pageSize, MAX_PAGE_SIZE);
            continuation = continuation == null ? Optional.empty() : continuation;
        }
    }

    public TenantNotices(AccessControl access, NoticeStore notices, SendLedger ledger, NoticeJobs jobs, Clock clock) {
        this.access = access;
        this.notices = notices;
        this.ledger = ledger;
        this.jobs = jobs;
        this.clock = clock;
    }

    public Listing list(Caller caller, TenantId tenant, Paging paging, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.NOTICES_LIST, tenant,
                Target.tenant(tenant).and("notices"), requestId);
        NoticeStore.Page page = notices.list(tenant, paging.pageSize(), paging.continuation());
        scope.succeeded();
        return new Listing(page.notices().stream().map(this::stated).toList(), page.continuation());
    }

    /** Starts the failed deliveries of a notice again; a notice without one changes nothing. */
    public Stated retry(Caller caller, TenantId tenant, NoticeId id, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.NOTICE_RETRY, tenant,
                Target.tenant(tenant).and("notices").and(id.value()), requestId);
        Notice notice = notices.find(tenant, id).orElseThrow(() -> scope.failed(
                new NotFoundException("notice " + id + " not found")));
        List<Delivery> failed = ledger.forNotice(tenant, id).stream()
                .filter(d -> d.state() == Delivery.State.FAILED).toList();
        if (failed.isEmpty()) {
            scope.succeeded();
            return stated(notice);
        }
        RequestScope change = scope.attempting();
        for (Delivery entry : failed) {
            try {
                ledger.replace(entry.retried(clock.instant()));
            } catch (PreconditionFailedException e) {
                // A retry racing this one reset it already.
            }
        }
        jobs.enqueue(tenant, id, Duration.ZERO);
        change.succeeded();
        return stated(notice);
    }

    Stated stated(Notice notice) {
        return new Stated(notice, Delivery.countByState(ledger.forNotice(notice.tenantId(), notice.id())));
    }
}
