package com.strongroom.core.port;

import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import java.util.List;
import java.util.Optional;

/** Tenants homed in this stamp. */
public interface TenantStore {
    Optional<Tenant> find(TenantId id);

    /** The tenant of this stamp registered to {@code entraTenant}, if any. */
    Optional<Tenant> findByEntraTenant(EntraTenantId entraTenant);

    /**
     * Replaces the tenant's keys if they are still {@code expected}; throws {@code ConflictException} if they
     * changed meanwhile (another rotation) and {@code NotFoundException} if the tenant is gone.
     */
    void replaceKeys(TenantId id, TenantKeys expected, TenantKeys replacement);

    /**
     * Registers {@code entraTenant} on the tenant. Registering the one it already has changes nothing; a tenant
     * registered to another Entra tenant is a {@code ConflictException}; a missing one a {@code NotFoundException}.
     */
    void registerEntraTenant(TenantId id, EntraTenantId entraTenant);

    /** Sets the tenant's status; setting the one it has changes nothing, a missing tenant is a {@code NotFoundException}. */
    void changeStatus(TenantId id, TenantStatus status);

    /**
     * Keeps only what says the tenant existed (id, region, directory, dates, status): its name goes, and its wrapped
     * keys become {@link TenantKeys#destroyed}. Doing it again changes nothing.
     */
    void strip(TenantId id);

    /** Stores a new tenant; throws {@code ConflictException} when the id is taken, leaving the existing one as it was. */
    void create(Tenant tenant);

    /** Up to {@code limit} tenant ids of this stamp in id order, after {@code after}. */
    List<TenantId> ids(int limit, Optional<TenantId> after);

    /** Every tenant id of this stamp, in id order, read a page at a time. */
    default List<TenantId> allIds() {
        int page = 500;
        List<TenantId> out = new java.util.ArrayList<>();
        Optional<TenantId> after = Optional.empty();
        while (true) {
            List<TenantId> ids = ids(page, after);
            out.addAll(ids);
            if (ids.size() < page) {
                return out;
            }
            after = Optional.of(ids.get(ids.size() - 1));
        }
    }
}
