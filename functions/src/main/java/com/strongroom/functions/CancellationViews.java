package com.strongroom.functions;

import com.strongroom.core.cancellation.Cancellations;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.TenantId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON shapes of the cancellation routes. */
final class CancellationViews {
    private CancellationViews() {
    }

    /** The body of {@code POST /tenants/{t}/cancellation}; every member may be left out, unknown ones are refused. */
    record NewCancellation(Integer graceDays, Boolean exportFirst, String reference) {
        Cancellations.Command toCommand(TenantId tenant) {
            return new Cancellations.Command(tenant,
                    graceDays == null ? Cancellation.DEFAULT_GRACE_DAYS : graceDays, Optional.ofNullable(reference),
                    exportFirst == null || exportFirst);
        }
    }

    static String location(TenantId tenant) {
        return "/api/tenants/" + tenant + "/cancellation";
    }

    static Map<String, Object> cancellation(Cancellation c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id());
        view.put("tenantId", c.tenantId().value());
        view.put("state", c.state().name().toLowerCase(Locale.ROOT));
        view.put("graceDays", c.graceDays());
        view.put("exportFirst", c.exportFirst());
        c.reference().ifPresent(r -> view.put("reference", r));
        view.put("requestedBy", c.requestedBy());
        Map<String, Object> dates = new LinkedHashMap<>();
        c.enteredAt().forEach((state, at) -> dates.put(state.name().toLowerCase(Locale.ROOT), at.toString()));
        view.put("dates", dates);
        c.purgeAt().ifPresent(at -> view.put("purgeAt", at.toString()));
        c.exportId().ifPresent(x -> view.put("export", "/api/tenants/" + c.tenantId() + "/exports/" + x));
        c.purge().inventory().ifPresent(counts -> view.put("deleted", counts));
        c.purge().keysDestroyedAt().ifPresent(at -> view.put("keysDestroyedAt", at.toString()));
        c.purge().certificate().ifPresent(jws -> view.put("certificate", location(c.tenantId()) + "/certificate"));
        return view;
    }
}
