package com.strongroom.core.port;

import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.TenantId;
import java.util.List;
import java.util.Optional;

/** The cancellation of each tenant of this stamp: at most one document per tenant, kept after the purge. */
public interface CancellationStore {
    Optional<Cancellation> find(TenantId tenant);

    /** Stores the tenant's first cancellation; {@code ConflictException} when it has one already. */
    Cancellation create(Cancellation cancellation);

    /**
     * Replaces the tenant's cancellation if it is still at {@code cancellation.version()}; returns it with its new
     * version, or throws {@code PreconditionFailedException} if it changed or is gone.
     */
    Cancellation replace(Cancellation cancellation);

    /** Up to {@code limit} cancellations of any tenant that are neither purged nor revoked. */
    List<Cancellation> open(int limit);
}
