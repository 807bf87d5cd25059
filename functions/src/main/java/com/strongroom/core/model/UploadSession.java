package com.strongroom.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resumable upload in progress. Its id is the id the asset will have. Every part but the last is exactly
 * {@code partSize} bytes (a multiple of the content format's segment), so each part knows its segments' indices
 * and can be encrypted on its own, in any order.
 */
public record UploadSession(TenantId tenantId, AssetId id, String name, String contentType, long size, int partSize,
                            Optional<String> sha256, List<String> subjectIndex, Map<String, String> metadata,
                            String createdBy, Instant createdAt, Instant expiresAt) {
    public UploadSession {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (size < 0 || partSize <= 0) {
            throw new IllegalArgumentException("size and partSize must be positive");
        }
        subjectIndex = List.copyOf(subjectIndex);
        metadata = Map.copyOf(metadata);
    }

    /** Parts are numbered from 1; an empty file has one empty part. */
    public int partCount() {
        return (int) Math.max(1, (size + partSize - 1) / partSize);
    }

    public long partLength(int number) {
        return number < partCount() ? partSize : size - (long) (partCount() - 1) * partSize;
    }

    public long partOffset(int number) {
        return (long) (number - 1) * partSize;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
