package com.strongroom.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's export: a BagIt package of its assets, their metadata and its audit trail, built by a queue job and
 * stored encrypted under a key of its own until {@code expiresAt} (docs/exports.md).
 *
 * @param progress what the job has durably written, which is where a redelivered job resumes
 * @param version  the store's version of this document (an opaque ETag), empty before it is stored
 */
public record Export(TenantId tenantId, ExportId id, Optional<Subjects> subjects, State state, String requestedBy,
                     Instant requestedAt, Instant expiresAt, Progress progress, Optional<Package> content,
                     Optional<String> failure, Instant updatedAt, String version) {
    public enum State { QUEUED, RUNNING, READY, EXPIRED, FAILED }

    /**
     * A data subject's own copy (GDPR Art. 15 and 20): only the assets tagged with any of {@code index}, the
     * blind-index values of the subject's identifiers (never the identifiers), and the caller's reference.
     */
    public record Subjects(List<String> index, Optional<String> reference) {
        public Subjects {
            index = List.copyOf(index);
            Objects.requireNonNull(reference, "reference");
            if (index.isEmpty()) {
                throw new IllegalArgumentException("a subject export names at least one blind-index value");
            }
        }
    }

    /**
     * How far the job got. {@code stagedBlocks} blocks of the package are stored, and {@code stagedChecksum} is the
     * CRC-32C of the plaintext they hold: a resumed job writes the same package again and checks that its bytes up to
     * there are the same before it adds to them.
     */
    public record Progress(int assetsDone, int assetsTotal, long bytesDone, int stagedBlocks, long stagedChecksum) {
        public static final Progress NONE = new Progress(0, 0, 0, 0, 0);

        public Progress {
            if (assetsDone < 0 || assetsTotal < 0 || bytesDone < 0 || stagedBlocks < 0) {
                throw new IllegalArgumentException("progress counts are never negative");
            }
        }
    }

    /** The finished package: the ZIP's length, the blocks it is stored in, and the assets and payload bytes it holds. */
    public record Package(long length, int blocks, int assets, long payloadBytes) {
    }

    public Export {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subjects, "subjects");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(version, "version");
    }

    public static Export queued(TenantId tenant, ExportId id, String requestedBy, Instant now, Instant expiresAt) {
        return new Export(tenant, id, Optional.empty(), State.QUEUED, requestedBy, now, expiresAt, Progress.NONE,
                Optional.empty(), Optional.empty(), now, "");
    }

    public static Export queuedForSubject(TenantId tenant, ExportId id, Subjects subjects, String requestedBy,
                                          Instant now, Instant expiresAt) {
        return new Export(tenant, id, Optional.of(subjects), State.QUEUED, requestedBy, now, expiresAt,
                Progress.NONE, Optional.empty(), Optional.empty(), now, "");
    }

    /** Whether this is a data subject's copy rather than the whole tenant's. */
    public boolean ofSubject() {
        return subjects.isPresent();
    }

    /** Whether the package can be downloaded at {@code now}. */
    public boolean readyAt(Instant now) {
        return state == State.READY && now.isBefore(expiresAt);
    }

    public boolean finished() {
        return state == State.READY || state == State.EXPIRED || state == State.FAILED;
    }

    public Export running(Instant now) {
        return with(State.RUNNING, progress, content, failure, now);
    }

    public Export progressed(Progress newProgress, Instant now) {
        return with(state, newProgress, content, failure, now);
    }

    /** Ready, with every asset done: {@code assetBytes} of asset content in a package of {@code pkg.length()}. */
    public Export ready(Package pkg, long assetBytes, Instant now) {
        Progress done = new Progress(pkg.assets(), pkg.assets(), assetBytes, pkg.blocks(), progress.stagedChecksum());
        return with(State.READY, done, Optional.of(pkg), Optional.empty(), now);
    }

    public Export failed(String why, Instant now) {
        return with(State.FAILED, progress, content, Optional.of(why), now);
    }

    public Export expired(Instant now) {
        return with(State.EXPIRED, progress, content, failure, now);
    }

    public Export withVersion(String newVersion) {
        return new Export(tenantId, id, subjects, state, requestedBy, requestedAt, expiresAt, progress, content,
                failure, updatedAt, newVersion);
    }

    private Export with(State newState, Progress newProgress, Optional<Package> newContent,
                        Optional<String> newFailure, Instant now) {
        return new Export(tenantId, id, subjects, newState, requestedBy, requestedAt, expiresAt, newProgress,
                newContent, newFailure, now, version);
    }
}
