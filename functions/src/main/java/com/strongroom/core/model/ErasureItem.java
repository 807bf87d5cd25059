package com.strongroom.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an erasure request did to one asset. An asset about to be erased is recorded {@link Outcome#PENDING} with
 * its size and DEK id before anything is destroyed, so a worker that dies mid-way leaves what the next one needs.
 *
 * @param dekId              fingerprint of the destroyed DEK (see {@code DataKeyIds}); empty when none was found
 * @param retainedBecause    the legal hold's reason, for a retained asset
 * @param matchedAfterPreview true when the asset was not among those the preview showed (tagged after it)
 */
public record ErasureItem(TenantId tenantId, ErasureId erasureId, AssetId assetId, Outcome outcome, long size,
                          Optional<String> dekId, Optional<String> retainedBecause, boolean matchedAfterPreview,
                          Instant at) {
    public enum Outcome {
        PENDING, ERASED, RETAINED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ErasureItem {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        dekId = dekId == null ? Optional.empty() : dekId;
        retainedBecause = retainedBecause == null ? Optional.empty() : retainedBecause;
    }

    public ErasureItem erased(Instant when) {
        return new ErasureItem(tenantId, erasureId, assetId, Outcome.ERASED, size, dekId, Optional.empty(),
                matchedAfterPreview, when);
    }
}
