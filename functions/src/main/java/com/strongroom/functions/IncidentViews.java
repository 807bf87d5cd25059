package com.strongroom.functions;

import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.incident.Art33Draft;
import com.strongroom.core.incident.DeclareCommand;
import com.strongroom.core.incident.Incidents;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.IncidentStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** JSON shapes of the incident routes. */
final class IncidentViews {
    private IncidentViews() {
    }

    /** The body of {@code POST /incidents} and {@code /incidents/preview}; unknown members are refused. */
    record DeclareRequest(String title, List<String> nature, String description, String detectedAt,
                          NoticeViews.Window window, ScopeRequest scope, Boolean keysExposed,
                          String likelyConsequences, String measures, String contact) {
        DeclareCommand toCommand() {
            if (window == null) {
                throw new InvalidInputException("window", "is required");
            }
            ScopeRequest s = scope == null ? new ScopeRequest(null, null, null, null) : scope;
            return new DeclareCommand(title, nature == null ? null : natures(nature),
                    description, NoticeViews.instant("detectedAt", detectedAt),
                    NoticeViews.instant("window.from", window.from()), NoticeViews.instant("window.to", window.to()),
                    new Incident.Scope(list(s.actors(), Function.identity()), list(s.tenants(), TenantId::of),
                            list(s.assets(), IncidentViews::assetId), list(s.actions(), Function.identity())),
                    keysExposed, likelyConsequences, measures, contact);
        }
    }

    record ScopeRequest(List<String> actors, List<String> tenants, List<String> assets, List<String> actions) {
    }

    /** The body of {@code POST /incidents/{i}/updates}. */
    record UpdateRequest(String text) {
    }

    private static Set<Incident.Nature> natures(List<String> values) {
        try {
            return values.stream().map(v -> Incident.Nature.valueOf(v.toUpperCase(Locale.ROOT)))
                    .collect(Collectors.toSet());
        } catch (RuntimeException e) {
            throw new InvalidInputException("nature", "names only confidentiality, integrity, availability");
        }
    }

    private static AssetId assetId(String value) {
        try {
            return AssetId.of(value);
        } catch (RuntimeException e) {
            throw new InvalidInputException("scope.assets", "may hold only asset ids");
        }
    }

    private static <T> List<T> list(List<String> values, Function<String, T> map) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(v -> v == null)) {
            throw new InvalidInputException("scope", "lists hold strings");
        }
        return values.stream().map(map).toList();
    }

    static Map<String, Object> preview(Incidents.Preview preview) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("affected", preview.affected().stream().map(IncidentViews::affected).toList());
        view.put("tenants", preview.affected().size());
        view.put("events", preview.events());
        view.put("records", preview.records());
        view.put("subjects", preview.subjects());
        return view;
    }

    private static Map<String, Object> affected(Incident.Affected a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", a.tenantId().value());
        view.put("events", a.events());
        view.put("records", a.records());
        view.put("subjects", a.subjects());
        return view;
    }

    static Map<String, Object> summary(Incident i) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", i.id());
        view.put("title", i.title());
        view.put("state", i.closed() ? "closed" : i.notifiedAt().isPresent() ? "notified" : "declared");
        view.put("nature", i.nature().stream().map(n -> n.name().toLowerCase(Locale.ROOT)).sorted().toList());
        view.put("detectedAt", i.detectedAt().toString());
        view.put("notifyBy", i.notifyBy().toString());
        view.put("declaredAt", i.declaredAt().toString());
        view.put("notifiedAt", i.notifiedAt().map(Object::toString).orElse(null));
        view.put("closedAt", i.closedAt().map(Object::toString).orElse(null));
        view.put("tenants", i.affected().size());
        return view;
    }

    static Map<String, Object> listing(IncidentStore.Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidents", page.incidents().stream().map(IncidentViews::summary).toList());
        body.put("continuation", page.continuation().orElse(null));
        return body;
    }

    static Map<String, Object> register(Incidents.Register register) {
        Incident i = register.incident();
        Map<String, Object> view = summary(i);
        view.put("hoursLeft", register.left().toMinutes() / 60.0);
        view.put("overdue", register.overdue());
        view.put("description", i.description());
        view.put("window", Map.of("from", i.windowFrom().toString(), "to", i.windowTo().toString()));
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("actors", i.scope().actors());
        scope.put("tenants", i.scope().tenants().stream().map(TenantId::value).toList());
        scope.put("assets", i.scope().assets().stream().map(AssetId::value).toList());
        scope.put("actions", i.scope().actions());
        view.put("scope", scope);
        view.put("keysExposed", i.keysExposed());
        view.put("likelyConsequences", i.likelyConsequences());
        view.put("measures", i.measures());
        view.put("contact", i.contact());
        view.put("declaredBy", i.declaredBy());
        view.put("updates", i.updates().stream().map(u -> Map.of("sequence", u.sequence(), "text", u.text(),
                "at", u.at().toString())).toList());
        view.put("noticesOutBy", register.noticesOutBy().map(Object::toString).orElse(null));
        view.put("affected", register.tenants().stream().map(IncidentViews::part).toList());
        return view;
    }

    private static Map<String, Object> part(Incidents.TenantPart part) {
        Map<String, Object> view = affected(part.affected());
        view.put("unreachable", part.unreachable());
        view.put("notices", NoticeViews.deliveries(part.deliveries()));
        view.put("draft", draft(part.draft()));
        view.put("draftText", part.draft().text());
        return view;
    }

    private static Map<String, Object> draft(Art33Draft d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("nature", d.nature());
        view.put("categoriesOfData", d.categories());
        view.put("approximateSubjects", d.approximateSubjects());
        view.put("approximateRecords", d.approximateRecords());
        view.put("contact", d.contact());
        view.put("likelyConsequences", d.likelyConsequences());
        view.put("measures", d.measures());
        view.put("keysExposed", d.keysExposed());
        view.put("encryption", d.encryption());
        return view;
    }
}
