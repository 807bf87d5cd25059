package com.strongroom.core.port;

import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Exports of the tenants homed in this stamp. */
public interface ExportStore {
    /** Stores a new export and returns it with its version. */
    Export create(Export export);

    Optional<Export> find(TenantId tenant, ExportId id);

    /**
     * Replaces an export if it is still at {@code export.version()}; returns it with its new version, or throws
     * {@code PreconditionFailedException} if it changed or is gone.
     */
    Export replace(Export export);

    /** A tenant's exports, newest first, at most {@code limit}. */
    List<Export> list(TenantId tenant, int limit);

    /** Up to {@code limit} exports of any tenant that expired before {@code now} and are not yet marked expired. */
    List<Export> expiredBy(Instant now, int limit);
}
