package com.strongroom.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A personal-data breach as the register of GDPR Art. 33(5) records it: what happened (nature, description, the
 * window and scope it was found in), what it affected (derived from the audit trail, per tenant), whether the keys
 * of the affected content were exposed (Art. 34(3)(a)), the consequences and measures, whom to contact, and the
 * notices sent. The 72-hour clock of Art. 33(1) runs from {@code detectedAt}. {@code version} is the store's
 * concurrency token.
 */
public record Incident(String id, String title, Set<Nature> nature, String description, Instant detectedAt,
                       Instant windowFrom, Instant windowTo, Scope scope, boolean keysExposed,
                       String likelyConsequences, String measures, String contact, Instant declaredAt,
                       String declaredBy, List<Affected> affected, List<Update> updates,
                       Optional<Instant> notifiedAt, Optional<Instant> closedAt, String version) {
    /** The deadline of Art. 33(1), counted from awareness. */
    public static final Duration NOTIFY_WITHIN = Duration.ofHours(72);

    public Incident {
        Objects.requireNonNull(id, "id");
        nature = Set.copyOf(nature);
        affected = List.copyOf(affected);
        updates = List.copyOf(updates);
        notifiedAt = notifiedAt == null ? Optional.empty() : notifiedAt;
        closedAt = closedAt == null ? Optional.empty() : closedAt;
        version = version == null ? "" : version;
    }

    public enum Nature { CONFIDENTIALITY, INTEGRITY, AVAILABILITY }

    /** What the incident was looked for in: actors, tenants, assets and actions; an empty list means any. */
    public record Scope(List<String> actors, List<TenantId> tenants, List<AssetId> assets, List<String> actions) {
        public Scope {
            actors = List.copyOf(actors);
            tenants = List.copyOf(tenants);
            assets = List.copyOf(assets);
            actions = List.copyOf(actions);
        }
    }

    /**
     * A tenant the incident affected: how many of its audit events matched, how many records (assets) they touched,
     * and about how many data subjects those concern (distinct subject tags, counted, never named).
     */
    public record Affected(TenantId tenantId, long events, long records, long subjects) {
    }

    /** A follow-up of Art. 33(4), information given in phases; notice sequence {@code sequence}. */
    public record Update(int sequence, String text, Instant at, String by) {
    }

    public Instant notifyBy() {
        return detectedAt.plus(NOTIFY_WITHIN);
    }

    public boolean closed() {
        return closedAt.isPresent();
    }

    public Optional<Affected> affecting(TenantId tenant) {
        return affected.stream().filter(a -> a.tenantId().equals(tenant)).findFirst();
    }

    public Incident notified(Instant at) {
        return new Incident(id, title, nature, description, detectedAt, windowFrom, windowTo, scope, keysExposed,
                likelyConsequences, measures, contact, declaredAt, declaredBy, affected, updates,
                Optional.of(notifiedAt.orElse(at)), closedAt, version);
    }

    public Incident withUpdate(Update update) {
        List<Update> more = new java.util.ArrayList<>(updates);
        more.add(update);
        return new Incident(id, title, nature, description, detectedAt, windowFrom, windowTo, scope, keysExposed,
                likelyConsequences, measures, contact, declaredAt, declaredBy, affected, more, notifiedAt, closedAt,
                version);
    }

    public Incident closedAt(Instant at) {
        return new Incident(id, title, nature, description, detectedAt, windowFrom, windowTo, scope, keysExposed,
                likelyConsequences, measures, contact, declaredAt, declaredBy, affected, updates, notifiedAt,
                Optional.of(at), version);
    }

    public Incident withVersion(String newVersion) {
        return new Incident(id, title, nature, description, detectedAt, windowFrom, windowTo, scope, keysExposed,
                likelyConsequences, measures, contact, declaredAt, declaredBy, affected, updates, notifiedAt, closedAt,
                newVersion);
    }
}
