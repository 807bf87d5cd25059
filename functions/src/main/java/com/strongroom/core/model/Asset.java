package com.strongroom.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored file's metadata. The content lives encrypted in Blob storage in content format {@code formatVersion};
 * its DEK lives in the keyring. Subjects are held only as blind-index values, never in clear.
 *
 * @param sha256       hex SHA-256 of the plaintext, checked at upload
 * @param subjectIndex blind-index values of the data subjects the file concerns
 * @param state        only {@link State#ACTIVE} assets are visible; {@link State#UPLOADING} is a one-request upload
 *                     under way (its content not yet all stored), {@link State#DELETING} a delete under way
 * @param version      the store's version of this document (an opaque ETag), empty before it is stored
 */
public record Asset(TenantId tenantId, AssetId id, String name, String contentType, long size, String sha256,
                    int formatVersion, List<String> subjectIndex, Map<String, String> metadata,
                    Optional<LegalHold> legalHold, Instant createdAt, String createdBy, Instant updatedAt,
                    State state, String version) {
    public enum State { UPLOADING, ACTIVE, DELETING }

    /** Why an asset must not be deleted or erased, who said so and since when. */
    public record LegalHold(String reason, String setBy, Instant since) {
        public LegalHold {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(setBy, "setBy");
            Objects.requireNonNull(since, "since");
        }
    }

    public Asset {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(version, "version");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        subjectIndex = List.copyOf(subjectIndex);
        metadata = Map.copyOf(metadata);
        legalHold = legalHold == null ? Optional.empty() : legalHold;
    }

    public boolean visible() {
        return state == State.ACTIVE;
    }

    public Asset withState(State newState) {
        return new Asset(tenantId, id, name, contentType, size, sha256, formatVersion, subjectIndex, metadata,
                legalHold, createdAt, createdBy, updatedAt, newState, version);
    }

    /** The upload's asset once all of its content is stored: visible, with its length and SHA-256. */
    public Asset uploaded(long length, String plaintextSha256, Instant at) {
        return new Asset(tenantId, id, name, contentType, length, plaintextSha256, formatVersion, subjectIndex,
                metadata, legalHold, createdAt, createdBy, at, State.ACTIVE, version);
    }

    public Asset withChanges(String newName, List<String> newSubjectIndex, Map<String, String> newMetadata,
                             Optional<LegalHold> newLegalHold, Instant at) {
        return new Asset(tenantId, id, newName, contentType, size, sha256, formatVersion, newSubjectIndex,
                newMetadata, newLegalHold, createdAt, createdBy, at, state, version);
    }
}
