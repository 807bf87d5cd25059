package com.strongroom.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's cancellation (docs/cancellation.md): requested by a Platform.Admin, then an export of everything, a
 * grace period that can still be reversed, the purge of all the tenant's data and keys, and a signed certificate.
 *
 * @param id        random, so that each cancellation of the tenant (one revoked, then another) is told apart
 * @param enteredAt when each state reached so far was entered
 * @param purge     how far the purge got
 * @param version   the store's version of this document (an opaque ETag), empty before it is stored
 */
public record Cancellation(TenantId tenantId, String id, State state, int graceDays, Optional<String> reference,
                           boolean exportFirst, String requestedBy, Map<State, Instant> enteredAt,
                           Optional<ExportId> exportId, Optional<Instant> purgeQueuedAt, Purge purge,
                           String version) {
    public static final int MAX_GRACE_DAYS = 90;
    public static final int DEFAULT_GRACE_DAYS = 30;

    public enum State {
        REQUESTED, EXPORTING, GRACE, PURGING, PURGED, REVOKED;

        /** Whether the cancellation can still be reversed: until the purge starts. */
        public boolean revocable() {
            return this == REQUESTED || this == EXPORTING || this == GRACE;
        }

        /** Whether the cancellation is under way: neither reversed nor done. */
        public boolean open() {
            return this != PURGED && this != REVOKED;
        }

        /** The status the tenant has while its cancellation is in this state. */
        public TenantStatus tenantStatus() {
            return switch (this) {
                case REQUESTED, EXPORTING, GRACE -> TenantStatus.CANCELLING;
                case PURGING -> TenantStatus.PURGING;
                case PURGED -> TenantStatus.DELETED;
                case REVOKED -> TenantStatus.ACTIVE;
            };
        }
    }

    public Cancellation {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        if (graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
            throw new IllegalArgumentException("graceDays is 0 to " + MAX_GRACE_DAYS);
        }
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Map<State, Instant> dates = new EnumMap<>(State.class);
        dates.putAll(enteredAt);
        if (!dates.containsKey(State.REQUESTED)) {
            throw new IllegalArgumentException("a cancellation has the date it was requested");
        }
        enteredAt = Collections.unmodifiableMap(dates);
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(purgeQueuedAt, "purgeQueuedAt");
        Objects.requireNonNull(purge, "purge");
        Objects.requireNonNull(version, "version");
    }

    /**
     * The purge's record of its steps.
     *
     * @param inventory         what it found before it deleted anything, by kind; recorded once, so that racing or
     *                          resumed purges count the same
     * @param kekId             the KEK it destroyed
     * @param certificate       the signed deletion certificate
     * @param certificateSentAt when the certificate's notice was delivered (or given up), before the addresses went
     * @param sendingUntil      while one job delivers the certificate's notice, until when the others leave it be
     */
    public record Purge(Optional<Map<String, Long>> inventory, Optional<String> kekId,
                        Optional<Instant> keysDestroyedAt, Optional<String> certificate,
                        Optional<Instant> certificateSentAt, Optional<Instant> sendingUntil) {
        public static final Purge NONE = new Purge(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());

        public Purge {
            inventory = inventory.map(counts -> Collections.unmodifiableMap(new TreeMap<>(counts)));
            Objects.requireNonNull(kekId, "kekId");
            Objects.requireNonNull(keysDestroyedAt, "keysDestroyedAt");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(certificateSentAt, "certificateSentAt");
            Objects.requireNonNull(sendingUntil, "sendingUntil");
        }

        public Purge inventoried(Map<String, Long> counts, String tenantKekId) {
            return new Purge(Optional.of(counts), Optional.of(tenantKekId), keysDestroyedAt, certificate,
                    certificateSentAt, sendingUntil);
        }

        public Purge keysDestroyed(Instant at) {
            return new Purge(inventory, kekId, Optional.of(at), certificate, certificateSentAt, sendingUntil);
        }

        public Purge certified(String signed) {
            return new Purge(inventory, kekId, keysDestroyedAt, Optional.of(signed), certificateSentAt, sendingUntil);
        }

        public Purge certificateSent(Instant at) {
            return new Purge(inventory, kekId, keysDestroyedAt, certificate, Optional.of(at), Optional.empty());
        }

        /** Claimed (or, with empty, released) by the job that delivers the certificate's notice. */
        public Purge sending(Optional<Instant> until) {
            return new Purge(inventory, kekId, keysDestroyedAt, certificate, certificateSentAt, until);
        }
    }

    public static Cancellation requested(TenantId tenant, String id, int graceDays, Optional<String> reference,
                                         boolean exportFirst, String requestedBy, Instant now) {
        return new Cancellation(tenant, id, State.REQUESTED, graceDays, reference, exportFirst, requestedBy,
                Map.of(State.REQUESTED, now), Optional.empty(), Optional.empty(), Purge.NONE, "");
    }

    public Instant requestedAt() {
        return enteredAt.get(State.REQUESTED);
    }

    /** When the purge is due: {@code graceDays} after the grace period began; empty before it has. */
    public Optional<Instant> purgeAt() {
        return Optional.ofNullable(enteredAt.get(State.GRACE)).map(grace -> grace.plus(Duration.ofDays(graceDays)));
    }

    /** The same cancellation, now in {@code next}, entered at {@code now}. */
    public Cancellation entering(State next, Instant now) {
        Map<State, Instant> dates = new EnumMap<>(enteredAt);
        dates.put(next, now);
        return new Cancellation(tenantId, id, next, graceDays, reference, exportFirst, requestedBy, dates, exportId,
                purgeQueuedAt, purge, version);
    }

    /** Exporting into {@code export}, a fresh one when an earlier export of this cancellation failed. */
    public Cancellation exporting(ExportId export, Instant now) {
        Cancellation next = entering(State.EXPORTING, now);
        return new Cancellation(tenantId, id, next.state, graceDays, reference, exportFirst, requestedBy,
                next.enteredAt, Optional.of(export), purgeQueuedAt, purge, version);
    }

    /** In its grace period from {@code now}, to be purged {@code graceDays} later. */
    public Cancellation inGrace(Instant now) {
        return entering(State.GRACE, now);
    }

    public Cancellation purgeQueued(Instant now) {
        return new Cancellation(tenantId, id, state, graceDays, reference, exportFirst, requestedBy, enteredAt,
                exportId, Optional.of(now), purge, version);
    }

    public Cancellation withPurge(Purge next) {
        return new Cancellation(tenantId, id, state, graceDays, reference, exportFirst, requestedBy, enteredAt,
                exportId, purgeQueuedAt, next, version);
    }

    public Cancellation withVersion(String newVersion) {
        return new Cancellation(tenantId, id, state, graceDays, reference, exportFirst, requestedBy, enteredAt,
                exportId, purgeQueuedAt, purge, newVersion);
    }
}
