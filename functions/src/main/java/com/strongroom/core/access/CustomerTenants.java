package com.strongroom.core.access;

import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDirectory;
import com.strongroom.core.port.TenantStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the tenant a customer's Entra tenant is registered on. This stamp's own tenants answer first; only a
 * directory this stamp does not know is looked up in the shared directory, which says where it lives. The mapping
 * from Entra tenant to tenant never changes once made, so it is remembered, and every request still reads the
 * tenant itself and checks that it is registered to that Entra tenant.
 */
final class CustomerTenants {
    sealed interface Resolution {
    }

    record Registered(Tenant tenant) implements Resolution {
    }

    record Elsewhere(Region region) implements Resolution {
    }

    enum Unresolved implements Resolution { UNREGISTERED, DIRECTORY_UNAVAILABLE }

    private static final int MAX_REMEMBERED = 10_000;

    private final Region stampRegion;
    private final TenantStore tenants;
    private final TenantDirectory directory;
    private final Map<EntraTenantId, TenantId> remembered = new ConcurrentHashMap<>();

    CustomerTenants(Region stampRegion, TenantStore tenants, TenantDirectory directory) {
        this.stampRegion = stampRegion;
        this.tenants = tenants;
        this.directory = directory;
    }

    Resolution resolve(EntraTenantId entraTenant) {
        TenantId known = remembered.get(entraTenant);
        if (known != null) {
            Optional<Tenant> tenant = tenants.find(known).filter(t -> registeredTo(t, entraTenant));
            if (tenant.isPresent()) {
                return new Registered(tenant.get());
            }
            remembered.remove(entraTenant, known);
        }
        Optional<Tenant> own = tenants.findByEntraTenant(entraTenant).filter(t -> registeredTo(t, entraTenant));
        if (own.isPresent()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(entraTenant, own.get().id());
            return new Registered(own.get());
        }
        Optional<DirectoryEntry> entry;
        try {
            entry = directory.find(entraTenant);
        } catch (DependencyUnavailableException e) {
            return Unresolved.DIRECTORY_UNAVAILABLE;
        }
        if (entry.isPresent() && entry.get().region() != stampRegion) {
            return new Elsewhere(entry.get().region());
        }
        return Unresolved.UNREGISTERED;
    }

    private boolean registeredTo(Tenant tenant, EntraTenantId entraTenant) {
        return tenant.entraTenant().equals(Optional.of(entraTenant)) && tenant.homeRegion() == stampRegion;
    }
}
