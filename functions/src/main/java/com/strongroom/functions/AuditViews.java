package com.strongroom.functions;

import com.strongroom.core.audit.ChainedEvent;
import com.strongroom.core.audit.VerifyAuditTrail;
import com.strongroom.core.port.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of the audit routes. */
final class AuditViews {
    private AuditViews() {
    }

    static Map<String, Object> page(AuditLog.Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events().stream().map(AuditViews::event).toList());
        body.put("continuation", page.continuation().orElse(null));
        return body;
    }

    static Map<String, Object> report(VerifyAuditTrail.Report report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenantId", report.tenantId());
        body.put("intact", report.intact());
        body.put("firstFinding", report.firstFinding().orElse(null));
        body.put("chains", report.chains());
        return body;
    }

    static Map<String, Object> event(ChainedEvent chained) {
        Map<String, Object> view = new LinkedHashMap<>();
        var event = chained.event();
        view.put("eventId", event.id());
        view.put("tenantId", event.tenantId());
        view.put("eventClass", event.eventClass().name());
        view.put("chain", ChainedEvent.classChainOf(chained.chain()));
        int lane = ChainedEvent.laneNumberOf(chained.chain());
        if (lane > 0) {
            view.put("lane", lane);
        }
        view.put("sequence", chained.sequence());
        view.put("at", event.at().toString());
        view.put("actor", event.actor());
        view.put("role", event.role());
        view.put("action", event.action());
        view.put("target", event.target());
        event.purpose().ifPresent(p -> view.put("purpose", p));
        event.grantId().ifPresent(g -> view.put("grantId", g));
        event.count().ifPresent(c -> view.put("count", c));
        event.ticket().ifPresent(t -> view.put("ticket", t));
        view.put("outcome", event.outcome().name());
        view.put("requestId", event.requestId());
        view.put("hash", chained.hash());
        view.put("prevHash", chained.prevHash());
        return view;
    }
}
