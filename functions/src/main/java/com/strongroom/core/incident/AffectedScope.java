package com.strongroom.core.incident;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Works out from the audit trail what an incident affected: per tenant in scope (those named, or every tenant of
 * the stamp, read in one pass over the window), the events that match the scope's actors, actions and assets and
 * that succeeded; the
 * records (distinct assets) they touched; and about how many data subjects those concern (distinct subject tags,
 * counted, never named). Changes nothing.
 */
final class AffectedScope {
    private static final int PAGE = 500;
    /** Events per page of a window across tenants: few, large pages, since each is a scan of the window. */
    private static final int WINDOW_PAGE = 5000;
    /** Up to this many named tenants are read one partition each; more, or all, in one pass across tenants. */
    private static final int PER_TENANT_QUERIES = 20;

    private final AuditLog auditLog;
    private final AssetStore assets;

    AffectedScope(AuditLog auditLog, AssetStore assets) {
        this.auditLog = auditLog;
        this.assets = assets;
    }

    List<Incident.Affected> derive(Instant from, Instant to, Incident.Scope scope) {
        Map<TenantId, Tally> tallies = new TreeMap<>(Comparator.comparing(TenantId::value));
        if (!scope.tenants().isEmpty() && scope.tenants().size() <= PER_TENANT_QUERIES) {
            // A few named tenants: a query within each one's partition.
            for (TenantId tenant : scope.tenants()) {
                read(page -> auditLog.query(new AuditLog.Query(tenant.value(), Optional.of(from), Optional.of(to),
                        one(scope.actors()), one(scope.actions()), Optional.empty(), Optional.empty(), PAGE, page)),
                        scope, tallies);
            }
        } else {
            // Every tenant, or many: one pass over the window across tenants.
            Set<TenantId> named = new HashSet<>(scope.tenants());
            read(page -> auditLog.window(new AuditLog.WindowQuery(from, to, one(scope.actors()), one(scope.actions()),
                    WINDOW_PAGE, page)), scope, tallies);
            if (!named.isEmpty()) {
                tallies.keySet().retainAll(named);
            }
        }
        List<Incident.Affected> out = new ArrayList<>();
        tallies.forEach((tenant, tally) -> {
            Set<String> subjects = new HashSet<>();
            for (String asset : tally.assets) {
                assets.find(tenant, AssetId.of(asset)).ifPresent(a -> subjects.addAll(a.subjectIndex()));
            }
            out.add(new Incident.Affected(tenant, tally.events, tally.assets.size(), subjects.size()));
        });
        return out;
    }

    /** What matched in one tenant: how many events, and the files they touched. */
    private static final class Tally {
        long events;
        final Set<String> assets = new HashSet<>();
    }

    private void read(Function<Optional<String>, AuditLog.Page> pages, Incident.Scope scope,
                      Map<TenantId, Tally> tallies) {
        Set<String> wantedAssets = new HashSet<>(scope.assets().stream().map(AssetId::value).toList());
        Optional<String> continuation = Optional.empty();
        do {
            AuditLog.Page page = pages.apply(continuation);
            for (var chained : page.events()) {
                AuditEvent event = chained.event();
                if (event.tenantId().equals(AuditEvent.STAMP) || !matches(event, scope)) {
                    continue;
                }
                TenantId tenant = TenantId.of(event.tenantId());
                Optional<String> asset = assetOf(tenant, event.target());
                if (!wantedAssets.isEmpty() && (asset.isEmpty() || !wantedAssets.contains(asset.get()))) {
                    continue;
                }
                Tally tally = tallies.computeIfAbsent(tenant, t -> new Tally());
                tally.events++;
                asset.ifPresent(tally.assets::add);
            }
            continuation = page.continuation();
        } while (continuation.isPresent());
    }

    /** One actor or one action narrows the query in the store; several are matched here. */
    private static Optional<String> one(List<String> values) {
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
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
