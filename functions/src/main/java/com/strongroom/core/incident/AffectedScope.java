package com.strongroom.core.incident;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works out from the audit trail what an incident affected: per tenant in scope (those named, or every tenant of
 * the stamp), the events of the window that match the scope's actors, actions and assets and that succeeded; the
 * records (distinct assets) they touched; and about how many data subjects those concern (distinct subject tags,
 * counted, never named). Changes nothing.
 */
final class AffectedScope {
    private static final int PAGE = 500;

    private final AuditLog auditLog;
    private final AssetStore assets;
    private final TenantStore tenants;

    AffectedScope(AuditLog auditLog, AssetStore assets, TenantStore tenants) {
        this.auditLog = auditLog;
        this.assets = assets;
        this.tenants = tenants;
    }

    List<Incident.Affected> derive(Instant from, Instant to, Incident.Scope scope) {
        List<Incident.Affected> out = new ArrayList<>();
        for (TenantId tenant : scope.tenants().isEmpty() ? tenants.allIds() : scope.tenants()) {
            affected(tenant, from, to, scope).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Incident.Affected> affected(TenantId tenant, Instant from, Instant to, Incident.Scope scope) {
        Set<String> wantedAssets = new HashSet<>(scope.assets().stream().map(AssetId::value).toList());
        // One actor or one action narrows the query in the store; several are matched here.
        Optional<String> actor = scope.actors().size() == 1 ? Optional.of(scope.actors().get(0)) : Optional.empty();
        Optional<String> action = scope.actions().size() == 1 ? Optional.of(scope.actions().get(0)) : Optional.empty();
        long events = 0;
        Set<String> touched = new HashSet<>();
        Optional<String> continuation = Optional.empty();
        do {
            AuditLog.Page page = auditLog.query(new AuditLog.Query(tenant.value(), Optional.of(from), Optional.of(to),
                    actor, action, Optional.empty(), Optional.empty(), PAGE, continuation));
            for (var chained : page.events()) {
                AuditEvent event = chained.event();
                if (!matches(event, scope)) {
                    continue;
                }
                Optional<String> asset = assetOf(tenant, event.target());
                if (!wantedAssets.isEmpty() && (asset.isEmpty() || !wantedAssets.contains(asset.get()))) {
                    continue;
                }
                events++;
                asset.ifPresent(touched::add);
            }
            continuation = page.continuation();
        } while (continuation.isPresent());
        if (events == 0) {
            return Optional.empty();
        }
        Set<String> subjects = new HashSet<>();
        for (String asset : touched) {
            assets.find(tenant, AssetId.of(asset)).ifPresent(a -> subjects.addAll(a.subjectIndex()));
        }
        return Optional.of(new Incident.Affected(tenant, events, touched.size(), subjects.size()));
    }

    private static boolean matches(AuditEvent event, Incident.Scope scope) {
        return event.outcome() == AuditEvent.Outcome.SUCCESS
                && (scope.actors().isEmpty() || scope.actors().contains(event.actor()))
                && (scope.actions().isEmpty() || scope.actions().contains(event.action()));
    }

    /** The asset an event's target names ({@code tenants/<t>/assets/<id>[/...]}), if it names one. */
    static Optional<String> assetOf(TenantId tenant, String target) {
        String prefix = "tenants/" + tenant.value() + "/assets/";
        if (!target.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = target.substring(prefix.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        try {
            return Optional.of(AssetId.of(id).value());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

}
