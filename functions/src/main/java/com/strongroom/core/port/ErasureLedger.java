package com.strongroom.core.port;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The append-only record of every asset erased, kept where a restore of the data cannot reach it (write-once
 * storage of its own), so that whatever a restore brings back can be erased again. Ids only, no personal data. An
 * entry may appear twice (a job redelivered after it appended); replaying is idempotent, so that is harmless.
 */
public interface ErasureLedger {
    record Entry(TenantId tenantId, AssetId assetId, Optional<String> dekId, ErasureId erasureId, Instant at) {
        public Entry {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(dekId, "dekId");
            Objects.requireNonNull(erasureId, "erasureId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Appends entries durably, all in one write, before the caller destroys anything they name. */
    void append(List<Entry> entries);

    /** Every entry, oldest first, read in bounded memory. */
    void forEach(Consumer<Entry> action);
}
