package com.strongroom.core.port;

import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import java.util.Optional;

/** Tenants homed in this stamp. */
public interface TenantStore {
    Optional<Tenant> find(TenantId id);

    /** Stores a new tenant; throws {@code ConflictException} when the id is taken, leaving the existing one as it was. */
    void create(Tenant tenant);
}
