package com.strongroom.core.port;

import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Consent grants of the tenants homed in this stamp. */
public interface GrantStore {
    /** Stores a new grant; throws {@code ConflictException} when the id is taken. */
    void create(ConsentGrant grant);

    Optional<ConsentGrant> find(TenantId tenant, GrantId id);

    /** Every grant of a tenant naming {@code grantee}, whatever its state. */
    List<ConsentGrant> forGrantee(TenantId tenant, String grantee);

    /**
     * Replaces a grant if it is still at {@code grant.version()}; returns it with its new version, or throws
     * {@code PreconditionFailedException} if it changed.
     */
    ConsentGrant replace(ConsentGrant grant);

    /** A tenant's grants, newest first, one page at a time. */
    Page list(TenantId tenant, int pageSize, Optional<String> continuation);

    /** Up to {@code limit} grants of any tenant still recorded as active whose expiry is at or before {@code now}. */
    List<ConsentGrant> recordedActiveExpiredBy(Instant now, int limit);

    record Page(List<ConsentGrant> grants, Optional<String> continuation) {
        public Page {
            grants = List.copyOf(grants);
        }
    }
}
