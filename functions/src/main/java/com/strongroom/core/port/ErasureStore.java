package com.strongroom.core.port;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Erasure requests of the tenants homed in this stamp, and what each did to every asset it matched. */
public interface ErasureStore {
    /** Stores a new request and returns it with its version; throws {@code ConflictException} when the id is taken. */
    ErasureRequest create(ErasureRequest request);

    Optional<ErasureRequest> find(TenantId tenant, ErasureId id);

    /**
     * Replaces a request if it is still at {@code request.version()}; returns it with its new version, or throws
     * {@code PreconditionFailedException} if it changed.
     */
    ErasureRequest replace(ErasureRequest request);

    /** A tenant's requests, newest first, optionally in one state only, one page at a time. */
    Page list(TenantId tenant, Optional<ErasureRequest.State> state, int pageSize, Optional<String> continuation);

    /**
     * Records what a request did to some assets of one tenant (at most 100) in one write, replacing earlier records of
     * the same assets.
     */
    void putItems(List<ErasureItem> items);

    /** What a request did to one asset, if it reached it. */
    Optional<ErasureItem> item(TenantId tenant, ErasureId id, AssetId asset);

    /** Every asset a request matched, by asset id. */
    List<ErasureItem> items(TenantId tenant, ErasureId id);

    /** The requests of a tenant that retained {@code asset} under a legal hold. */
    List<ErasureId> retaining(TenantId tenant, AssetId asset);

    /** Up to {@code limit} requests of any tenant approved before {@code before} and still waiting for their job. */
    List<ErasureRequest> approvedBefore(Instant before, int limit);

    /** Up to {@code limit} completed requests of any tenant whose {@code irrecoverableAfter} is at or before {@code now}. */
    List<ErasureRequest> completedIrrecoverableBy(Instant now, int limit);

    record Page(List<ErasureRequest> requests, Optional<String> continuation) {
        public Page {
            requests = List.copyOf(requests);
        }
    }
}
