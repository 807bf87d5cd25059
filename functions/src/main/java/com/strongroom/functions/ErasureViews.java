package com.strongroom.functions;

import com.strongroom.core.erasure.ErasureRequests;
import com.strongroom.core.erasure.RequestErasure;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON shapes of the erasure routes. No view shows a subject's identifier: the request never stored one. */
final class ErasureViews {
    private ErasureViews() {
    }

    /** The body of {@code POST /tenants/{t}/erasure-requests}; unknown members are refused. */
    record NewRequest(List<String> subjects, String reason, String receivedAt, String reference) {
        RequestErasure.Command toCommand(TenantId tenant) {
            return new RequestErasure.Command(tenant, subjects, reason, time("receivedAt", receivedAt),
                    Optional.ofNullable(reference));
        }
    }

    /** The body of {@code POST .../extend}. */
    record ExtendRequest(Integer months, String reason) {
        ErasureRequests.Extension toExtension() {
            if (months == null) {
                throw new InvalidInputException("months", "is required: 1 or 2");
            }
            return new ErasureRequests.Extension(months, reason);
        }
    }

    private static Instant time(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "is not an RFC 3339 time such as 2026-11-30T09:00:00Z");
        }
    }

    static String location(ErasureRequest request) {
        return "/api/tenants/" + request.tenantId() + "/erasure-requests/" + request.id();
    }

    static Map<String, Object> preview(RequestErasure.Preview preview) {
        Map<String, Object> body = request(preview.request(), preview.request().requestedAt());
        Map<String, Object> matches = new LinkedHashMap<>();
        matches.put("erasableCount", preview.erasableCount());
        matches.put("erasable", preview.erasable().stream().map(ErasureViews::asset).toList());
        matches.put("retained", preview.retained().stream().map(a -> {
            Map<String, Object> view = asset(a);
            view.put("reason", "legal hold: " + a.legalHold().orElseThrow().reason());
            return view;
        }).toList());
        body.put("preview", matches);
        return body;
    }

    private static Map<String, Object> asset(Asset asset) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", asset.id().value());
        view.put("name", asset.name());
        view.put("size", asset.size());
        return view;
    }

    static Map<String, Object> detail(ErasureRequests.Detail detail) {
        Map<String, Object> body = request(detail.request(), detail.now());
        body.put("assets", detail.items().stream().map(ErasureViews::item).toList());
        return body;
    }

    static Map<String, Object> listing(ErasureRequests.Listing listing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("erasureRequests", listing.requests().stream().map(r -> request(r, listing.now())).toList());
        body.put("continuation", listing.continuation().orElse(null));
        return body;
    }

    static Map<String, Object> request(ErasureRequest request, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.id().value());
        view.put("tenantId", request.tenantId().value());
        view.put("state", request.state().wire());
        view.put("reason", request.reason());
        view.put("reference", request.reference().orElse(null));
        view.put("subjectCount", request.subjectIndex().size());
        view.put("receivedAt", request.receivedAt().toString());
        view.put("dueAt", request.dueAt().toString());
        view.put("overdue", request.overdueAt(now));
        view.put("extensions", request.extensions().stream().map(e -> Map.of("months", e.months(),
                "reason", e.reason(), "by", e.by(), "at", e.at().toString())).toList());
        view.put("requestedBy", request.requestedBy());
        view.put("requestedAt", request.requestedAt().toString());
        view.put("approvedBy", request.approval().map(ErasureRequest.Decision::by).orElse(null));
        view.put("approvedAt", request.approval().map(d -> d.at().toString()).orElse(null));
        view.put("cancelledBy", request.cancellation().map(ErasureRequest.Decision::by).orElse(null));
        view.put("cancelledAt", request.cancellation().map(d -> d.at().toString()).orElse(null));
        view.put("startedAt", request.startedAt().map(Instant::toString).orElse(null));
        view.put("completedAt", request.completion().map(c -> c.at().toString()).orElse(null));
        view.put("irrecoverableAfter", request.completion().map(c -> c.irrecoverableAfter().toString()).orElse(null));
        view.put("receiptSha256", request.completion().map(ErasureRequest.Completion::receiptSha256).orElse(null));
        view.put("irrecoverableAt", request.irrecoverableAt().map(Instant::toString).orElse(null));
        view.put("failure", request.failure().map(f -> Map.of("step", f.step(), "error", f.error(),
                "at", f.at().toString())).orElse(null));
        return view;
    }

    private static Map<String, Object> item(ErasureItem item) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("assetId", item.assetId().value());
        view.put("outcome", item.outcome().wire());
        view.put("size", item.size());
        view.put("dekId", item.dekId().orElse(null));
        view.put("reason", item.retainedBecause().map(r -> "legal hold: " + r).orElse(null));
        view.put("matchedAfterPreview", item.matchedAfterPreview());
        view.put("at", item.at().toString());
        return view;
    }
}
