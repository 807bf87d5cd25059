package com.strongroom.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The send ledger's entry for one notice and one recipient: pending, sending (claimed by a worker until
 * {@code claimedUntil}), sent (with the provider's operation id) or failed (after the last delivery). Its id is
 * derived from the notice and the address, so that it is the same on every delivery of the message, and it is the
 * provider's operation id too. {@code version} is the store's concurrency token.
 */
public record Delivery(String id, TenantId tenantId, NoticeId noticeId, EmailAddress recipient, State state,
                       int attempts, Optional<Instant> claimedUntil, Optional<String> operationId,
                       Optional<String> error, Instant updatedAt, String version) {
    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(state, "state");
        claimedUntil = claimedUntil == null ? Optional.empty() : claimedUntil;
        operationId = operationId == null ? Optional.empty() : operationId;
        error = error == null ? Optional.empty() : error;
        Objects.requireNonNull(updatedAt, "updatedAt");
        version = version == null ? "" : version;
    }

    public enum State { PENDING, SENDING, SENT, FAILED }

    public static Delivery pending(TenantId tenant, NoticeId notice, EmailAddress recipient, Instant now) {
        return new Delivery(idFor(notice, recipient), tenant, notice, recipient, State.PENDING, 0, Optional.empty(),
                Optional.empty(), Optional.empty(), now, "");
    }

    /** A UUID from SHA-256 of the notice id and the address (version 4 bits set, as providers expect a UUID). */
    public static String idFor(NoticeId notice, EmailAddress recipient) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (notice.value() + "\n" + recipient.value()).getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (hash[i] & 0xff);
                low = (low << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(high, low).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of {@code deliveries} are in each state; states none is in are absent. */
    public static Map<State, Integer> countByState(Collection<Delivery> deliveries) {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        deliveries.forEach(d -> counts.merge(d.state(), 1, Integer::sum));
        return counts;
    }

    public Delivery claimed(Instant now, Instant until) {
        return new Delivery(id, tenantId, noticeId, recipient, State.SENDING, attempts + 1, Optional.of(until),
                operationId, error, now, version);
    }

    public Delivery sent(String operation, Instant now) {
        return new Delivery(id, tenantId, noticeId, recipient, State.SENT, attempts, Optional.empty(),
                Optional.of(operation), Optional.empty(), now, version);
    }

    public Delivery failed(String why, Instant now) {
        return new Delivery(id, tenantId, noticeId, recipient, State.FAILED, attempts, Optional.empty(), operationId,
                Optional.of(why), now, version);
    }

    public Delivery retried(Instant now) {
        return new Delivery(id, tenantId, noticeId, recipient, State.PENDING, attempts, Optional.empty(), operationId,
                Optional.empty(), now, version);
    }

    public Delivery withVersion(String newVersion) {
        return new Delivery(id, tenantId, noticeId, recipient, state, attempts, claimedUntil, operationId, error,
                updatedAt, newVersion);
    }

    @Override
    public String toString() {
        return "Delivery[" + id + " " + noticeId + " " + state + " attempts=" + attempts + "]";
    }
}
