package com.strongroom.core.port;

import com.strongroom.core.model.TenantId;

/**
 * One kind of a tenant's data kept in one place (a partition of a container, a prefix of blobs), which the purge of
 * a cancelled tenant counts and then deletes whole.
 */
public interface TenantDataSet {
    /** The kind's name in the deletion certificate, for example {@code asset-documents}. */
    String kind();

    /** How many items of the tenant the set holds now. */
    long count(TenantId tenant);

    /** Deletes every item of the tenant the set holds; safe to repeat and to run twice at once. */
    void deleteAll(TenantId tenant);
}
