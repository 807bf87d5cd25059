package com.strongroom.core.port;

import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.TenantId;
import java.util.Optional;

/** Each tenant's contacts: privacy, security, admins. */
public interface ContactStore {
    Optional<Contacts> find(TenantId tenant);

    /** Replaces the tenant's contacts with {@code contacts}. */
    void put(TenantId tenant, Contacts contacts);
}
