package com.strongroom.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A data subject's request for erasure (GDPR Art. 17), from receipt to its receipt. It names the subjects only by
 * their blind-index values; the caller's {@code reference} (their own case number) is the only link to the person.
 *
 * @param previewAssets the assets the preview showed, so the job can say which ones were tagged after it
 * @param version       the store's version of this document (an opaque ETag), empty before it is stored
 */
public record ErasureRequest(TenantId tenantId, ErasureId id, List<String> subjectIndex, String reason,
                             Optional<String> reference, Instant receivedAt, List<Extension> extensions,
                             String requestedBy, Instant requestedAt, List<AssetId> previewAssets, State state,
                             Optional<Decision> approval, Optional<Decision> cancellation, Optional<Instant> startedAt,
                             Optional<Completion> completion, Optional<Failure> failure,
                             Optional<Instant> irrecoverableAt, String version) {
    /** Art. 12(3): the time to answer may be extended by two further months in all. */
    public static final int MAX_EXTENSION_MONTHS = 2;

    public enum State {
        AWAITING_APPROVAL, APPROVED, RUNNING, COMPLETED, FAILED, CANCELLED, IRRECOVERABLE;

        /** The name clients see and filter by, such as {@code awaiting-approval}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<State> ofWire(String value) {
            for (State state : values()) {
                if (state.wire().equals(value)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }

        /** True once the erasure has been done: nothing is left to run. */
        public boolean done() {
            return this == COMPLETED || this == IRRECOVERABLE;
        }
    }

    /** Who decided something and when. */
    public record Decision(String by, Instant at) {
        public Decision {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    /** An extension of the time to answer, with the reason the controller must give the subject. */
    public record Extension(int months, String reason, String by, Instant at) {
        public Extension {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The erasure finished: when, from when no backup holds a usable key, and the SHA-256 of the signed receipt's
     * payload, which the completion event in the audit trail carries too.
     */
    public record Completion(Instant at, Instant irrecoverableAfter, String receiptSha256) {
        public Completion {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(irrecoverableAfter, "irrecoverableAfter");
            Objects.requireNonNull(receiptSha256, "receiptSha256");
        }
    }

    /** Why the job gave up: the step and the error's kind, never personal data. */
    public record Failure(String step, String error, Instant at) {
        public Failure {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(at, "at");
        }
    }

    public ErasureRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(version, "version");
        subjectIndex = List.copyOf(subjectIndex);
        extensions = List.copyOf(extensions);
        previewAssets = List.copyOf(previewAssets);
        reference = reference == null ? Optional.empty() : reference;
        approval = approval == null ? Optional.empty() : approval;
        cancellation = cancellation == null ? Optional.empty() : cancellation;
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        completion = completion == null ? Optional.empty() : completion;
        failure = failure == null ? Optional.empty() : failure;
        irrecoverableAt = irrecoverableAt == null ? Optional.empty() : irrecoverableAt;
    }

    /** A new request awaiting approval. */
    public static ErasureRequest received(TenantId tenant, ErasureId id, List<String> subjectIndex, String reason,
                                          Optional<String> reference, Instant receivedAt, String requestedBy,
                                          Instant requestedAt, List<AssetId> previewAssets) {
        return new ErasureRequest(tenant, id, subjectIndex, reason, reference, receivedAt, List.of(), requestedBy,
                requestedAt, previewAssets, State.AWAITING_APPROVAL, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public int extendedMonths() {
        return extensions.stream().mapToInt(Extension::months).sum();
    }

    /** When the answer is due: one calendar month from receipt, plus any extension (see {@link #dueAt(Instant, int)}). */
    public Instant dueAt() {
        return dueAt(receivedAt, 1 + extendedMonths());
    }

    /**
     * The end of a period of {@code months} from {@code received}, counted as Regulation (EEC, Euratom) No 1182/71
     * Art. 3(2)(c) does: it ends with the last second of the day, in the last month, that has the same number as the
     * day of receipt, or of that month's last day where there is no such day (31 January + 1 month: 28 or 29
     * February). Days are UTC days. Counted from the day of receipt each time, so that extending a request received on
     * 31 January ends on 31 March, not 28 March.
     */
    public static Instant dueAt(Instant received, int months) {
        LocalDate day = received.atOffset(ZoneOffset.UTC).toLocalDate().plusMonths(months);
        return day.atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
    }

    /** True when the request is not answered and its time is up. */
    public boolean overdueAt(Instant now) {
        Instant answered = completion.map(Completion::at).orElse(null);
        boolean closed = state == State.CANCELLED;
        return !closed && (answered == null ? now.isAfter(dueAt()) : answered.isAfter(dueAt()));
    }

    public ErasureRequest approved(Decision decision) {
        return with(State.APPROVED, Optional.of(decision), cancellation, startedAt, completion, Optional.empty(),
                irrecoverableAt, extensions);
    }

    public ErasureRequest cancelled(Decision decision) {
        return with(State.CANCELLED, approval, Optional.of(decision), startedAt, completion, failure, irrecoverableAt,
                extensions);
    }

    public ErasureRequest extended(Extension extension) {
        List<Extension> more = new java.util.ArrayList<>(extensions);
        more.add(extension);
        return with(state, approval, cancellation, startedAt, completion, failure, irrecoverableAt, more);
    }

    public ErasureRequest running(Instant at) {
        return with(State.RUNNING, approval, cancellation, Optional.of(startedAt.orElse(at)), completion,
                Optional.empty(), irrecoverableAt, extensions);
    }

    public ErasureRequest completed(Completion done) {
        return with(State.COMPLETED, approval, cancellation, startedAt, Optional.of(done), Optional.empty(),
                irrecoverableAt, extensions);
    }

    public ErasureRequest failed(Failure why) {
        return with(State.FAILED, approval, cancellation, startedAt, completion, Optional.of(why), irrecoverableAt,
                extensions);
    }

    /** Back to work after a failure, or to erase what a released legal hold let go: the job runs again. */
    public ErasureRequest resumed() {
        return with(State.APPROVED, approval, cancellation, startedAt, completion, failure, Optional.empty(),
                extensions);
    }

    public ErasureRequest irrecoverable(Instant at) {
        return with(State.IRRECOVERABLE, approval, cancellation, startedAt, completion, failure, Optional.of(at),
                extensions);
    }

    public ErasureRequest withVersion(String newVersion) {
        return new ErasureRequest(tenantId, id, subjectIndex, reason, reference, receivedAt, extensions, requestedBy,
                requestedAt, previewAssets, state, approval, cancellation, startedAt, completion, failure,
                irrecoverableAt, newVersion);
    }

    private ErasureRequest with(State newState, Optional<Decision> newApproval, Optional<Decision> newCancellation,
                                Optional<Instant> newStartedAt, Optional<Completion> newCompletion,
                                Optional<Failure> newFailure, Optional<Instant> newIrrecoverableAt,
                                List<Extension> newExtensions) {
        return new ErasureRequest(tenantId, id, subjectIndex, reason, reference, receivedAt, newExtensions,
                requestedBy, requestedAt, previewAssets, newState, newApproval, newCancellation, newStartedAt,
                newCompletion, newFailure, newIrrecoverableAt, version);
    }
}
