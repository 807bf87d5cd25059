package com.strongroom.core.erasure;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest.State;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.core.port.ErasureStore;
import com.strongroom.core.port.ReceiptStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What happens to an erasure request after it is made: a second Archive.Manager approves it (which queues the job),
 * it is cancelled before it runs, its time is extended (GDPR Art. 12(3)), a failed job is resumed; and the tenant's
 * Archive.Managers and admins read it, list them and fetch the signed receipt.
 */
public final class ErasureRequests {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    private static final Set<State> EXTENSIBLE = EnumSet.of(State.AWAITING_APPROVAL, State.APPROVED, State.RUNNING,
            State.FAILED);

    /** {@code months} more to answer, with the reason the subject must be told. */
    public record Extension(int months, String reason) {
        public Extension {
            if (months < 1 || months > ErasureRequest.MAX_EXTENSION_MONTHS) {
                throw new InvalidInputException("months", "must be 1 or 2");
            }
            reason = Text.required("reason", reason, 500);
        }
    }

    public record Query(TenantId tenant, Optional<State> state, Optional<Boolean> overdue, int pageSize,
                        Optional<String> continuation) {
        public Query {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            state = state == null ? Optional.empty() : state;
            overdue = overdue == null ? Optional.empty() : overdue;
            PageSize.checked(pageSize, MAX_PAGE_SIZE);
            continuation = continuation == null ? Optional.empty() : continuation;
        }
    }

    /** A request with what it did to each asset it matched, as seen at {@code now}. */
    public record Detail(ErasureRequest request, List<ErasureItem> items, Instant now) {
        public Detail {
            items = List.copyOf(items);
        }
    }

    public record Listing(List<ErasureRequest> requests, Optional<String> continuation, Instant now) {
        public Listing {
            requests = List.copyOf(requests);
        }
    }

    private final AccessControl access;
    private final ErasureStore erasures;
    private final ErasureJobs jobs;
    private final ReceiptStore receipts;
    private final Clock clock;

    public ErasureRequests(AccessControl access, ErasureStore erasures, ErasureJobs jobs, ReceiptStore receipts,
                           Clock clock) {
        this.access = access;
        this.erasures = erasures;
        this.jobs = jobs;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** Approves a request someone else made, and queues its erasure. */
    public ErasureRequest approve(Caller caller, TenantId tenant, ErasureId id, String requestId) {
        RequestScope scope = authorize(caller, Operation.ERASURE_APPROVE, tenant, id, requestId);
        ErasureRequest request = find(scope, tenant, id);
        if (request.requestedBy().equals(caller.subject())) {
            throw scope.denied(new ForbiddenException("an erasure request must be approved by another Archive.Manager"
                    + " than the one who made it"));
        }
        requireState(scope, request, EnumSet.of(State.AWAITING_APPROVAL), "approved");
        RequestScope change = scope.attempting();
        ErasureRequest approved = change(change, request,
                r -> r.approved(new ErasureRequest.Decision(caller.subject(), clock.instant())));
        jobs.enqueue(new ErasureJobs.Job(tenant, id, Optional.empty()));
        change.succeeded();
        return approved;
    }

    /** Cancels a request that has not started to run. */
    public ErasureRequest cancel(Caller caller, TenantId tenant, ErasureId id, String requestId) {
        RequestScope scope = authorize(caller, Operation.ERASURE_CANCEL, tenant, id, requestId);
        ErasureRequest request = find(scope, tenant, id);
        requireState(scope, request, EnumSet.of(State.AWAITING_APPROVAL, State.APPROVED), "cancelled");
        RequestScope change = scope.attempting();
        ErasureRequest cancelled = change(change, request,
                r -> r.cancelled(new ErasureRequest.Decision(caller.subject(), clock.instant())));
        change.succeeded();
        return cancelled;
    }

    /** Extends the time to answer, before it has run out, by at most two months in all. */
    public ErasureRequest extend(Caller caller, TenantId tenant, ErasureId id, Extension extension, String requestId) {
        RequestScope scope = authorize(caller, Operation.ERASURE_EXTEND, tenant, id, requestId);
        ErasureRequest request = find(scope, tenant, id);
        requireState(scope, request, EXTENSIBLE, "extended");
        Instant now = clock.instant();
        if (now.isAfter(request.dueAt())) {
            throw scope.failed(new ConflictException("the time to answer ended at " + request.dueAt()
                    + "; it can only be extended before then"));
        }
        if (request.extendedMonths() + extension.months() > ErasureRequest.MAX_EXTENSION_MONTHS) {
            throw scope.failed(new ConflictException("the time to answer may be extended by "
                    + ErasureRequest.MAX_EXTENSION_MONTHS + " months in all; " + request.extendedMonths()
                    + " already are"));
        }
        RequestScope change = scope.attempting();
        ErasureRequest extended = change(change, request, r -> r.extended(new ErasureRequest.Extension(
                extension.months(), extension.reason(), caller.subject(), now)));
        change.succeeded();
        return extended;
    }

    /**
     * Queues the job again for a request that failed, or whose job was lost after approval: it resumes where it
     * stopped, since every step it already took is done and is not done twice.
     */
    public ErasureRequest retry(Caller caller, TenantId tenant, ErasureId id, String requestId) {
        RequestScope scope = authorize(caller, Operation.ERASURE_RETRY, tenant, id, requestId);
        ErasureRequest request = find(scope, tenant, id);
        requireState(scope, request, EnumSet.of(State.FAILED, State.APPROVED, State.RUNNING), "retried");
        RequestScope change = scope.attempting();
        ErasureRequest resumed = request.state() == State.FAILED ? change(change, request, ErasureRequest::resumed)
                : request;
        jobs.enqueue(new ErasureJobs.Job(tenant, id, Optional.empty()));
        change.succeeded();
        return resumed;
    }

    public Detail read(Caller caller, TenantId tenant, ErasureId id, String requestId) {
        RequestScope scope = authorize(caller, Operation.ERASURE_READ, tenant, id, requestId);
        ErasureRequest request = find(scope, tenant, id);
        List<ErasureItem> items = erasures.items(tenant, id);
        scope.succeeded();
        return new Detail(request, items, clock.instant());
    }

    public Listing list(Caller caller, Query query, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.ERASURE_LIST, query.tenant(),
                Target.tenant(query.tenant()).and("erasure-requests"), requestId);
        ErasureStore.Page page = erasures.list(query.tenant(), query.state(), query.pageSize(), query.continuation());
        scope.succeeded();
        Instant now = clock.instant();
        // Overdue depends on the time of reading, so it filters the page (which may come back shorter than asked).
        List<ErasureRequest> shown = page.requests().stream()
                .filter(r -> query.overdue().map(o -> r.overdueAt(now) == o).orElse(true)).toList();
        return new Listing(shown, page.continuation(), now);
    }

    /** The signed receipt of a request that has completed. */
    public String receipt(Caller caller, TenantId tenant, ErasureId id, String requestId) {
        RequestScope scope = authorize(caller, Operation.ERASURE_RECEIPT, tenant, id, requestId);
        ErasureRequest request = find(scope, tenant, id);
        Optional<String> receipt = request.completion().isPresent() ? receipts.find(tenant, id) : Optional.empty();
        if (receipt.isEmpty()) {
            throw scope.failed(new NotFoundException("erasure request " + id + " has no receipt yet: it is "
                    + request.state().wire()));
        }
        scope.succeeded();
        return receipt.get();
    }

    private RequestScope authorize(Caller caller, Operation operation, TenantId tenant, ErasureId id,
                                   String requestId) {
        return access.authorizeTenant(caller, operation, tenant, ErasureTargets.of(tenant, id), requestId);
    }

    private ErasureRequest find(RequestScope scope, TenantId tenant, ErasureId id) {
        return erasures.find(tenant, id).orElseThrow(() -> scope.failed(new NotFoundException(
                "no erasure request " + id + " in tenant " + tenant)));
    }

    private static void requireState(RequestScope scope, ErasureRequest request, Set<State> allowed, String verb) {
        if (!allowed.contains(request.state())) {
            throw scope.failed(new ConflictException("the erasure request is " + request.state().wire()
                    + " and cannot be " + verb));
        }
    }

    private ErasureRequest change(RequestScope change, ErasureRequest request, UnaryOperator<ErasureRequest> how) {
        try {
            return erasures.replace(how.apply(request));
        } catch (PreconditionFailedException e) {
            throw change.failed(new ConflictException("the erasure request changed meanwhile; read it and try again"));
        }
    }
}
