package com.strongroom.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's export: a BagIt package of its assets, their metadata and its audit trail, built by a queue job and
 * stored encrypted under a key of its own until {@code expiresAt} (docs/exports.md).
 *
 * @param progress what the job has durably written, which is where a redelivered job resumes
 * @param version  the store's version of this document (an opaque ETag), empty before it is stored
 */
public record Export(TenantId tenantId, ExportId id, State state, String requestedBy, Instant requestedAt,
                     Instant expiresAt, Progress progress, Optional<Package> content, Optional<String> failure,
                     Instant updatedAt, String version) {
    public enum State { QUEUED, RUNNING, READY, EXPIRED, FAILED }

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
        return new Export(tenant, id, State.QUEUED, requestedBy, now, expiresAt, Progress.NONE, Optional.empty(),
                Optional.empty(), now, "");
    }

    /** Whether the package can be downloaded at {@code now}. */
    public boolean readyAt(Instant now) {
        return state == State.READY && now.isBefore(expiresAt);
    }

    public boolean finished() {
        return state == State.READY || state == State.EXPIRED || state == State.FAILED;
    }

    public Export running(Instant now) {
        return new Export(tenantId, id, State.RUNNING, requestedBy, requestedAt, expiresAt, progress, content, failure,
                now, version);
    }

    public Export progressed(Progress newProgress, Instant now) {
        return new Export(tenantId, id, state, requestedBy, requestedAt, expiresAt, newProgress, content, failure, now,
                version);
    }

    public Export ready(Package pkg, Instant now) {
        Progress done = new Progress(pkg.assets(), pkg.assets(), pkg.payloadBytes(), pkg.blocks(),
                progress.stagedChecksum());
        return new Export(tenantId, id, State.READY, requestedBy, requestedAt, expiresAt, done, Optional.of(pkg),
                Optional.empty(), now, version);
    }

    public Export failed(String why, Instant now) {
        return new Export(tenantId, id, State.FAILED, requestedBy, requestedAt, expiresAt, progress, content,
                Optional.of(why), now, version);
    }

    public Export expired(Instant now) {
        return new Export(tenantId, id, State.EXPIRED, requestedBy, requestedAt, expiresAt, progress, content, failure,
                now, version);
    }

    public Export withVersion(String newVersion) {
        return new Export(tenantId, id, state, requestedBy, requestedAt, expiresAt, progress, content, failure,
                updatedAt, newVersion);
    }
}
