package com.strongroom.core.tenant;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDirectory;
import com.strongroom.core.port.TenantStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers a customer's Entra tenant on a tenant created without one. Once registered it stays: moving a tenant
 * to another directory would hand its data to that directory's users, which is a decision for a support process,
 * not an API call. The directory is claimed first, then the tenant records it; a crash between the two is finished
 * by the same request again.
 */
public final class RegisterEntraTenant {
    public record Command(TenantId tenant, EntraTenantId entraTenant) {
        public Command {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(entraTenant, "entraTenant");
        }
    }

    private final AccessControl access;
    private final TenantStore tenants;
    private final TenantDirectory directory;

    public RegisterEntraTenant(AccessControl access, TenantStore tenants, TenantDirectory directory) {
        this.access = access;
        this.tenants = tenants;
        this.directory = directory;
    }

    public Operation operation() {
        return Operation.TENANT_REGISTER_DIRECTORY;
    }

    public Tenant handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), command.tenant(),
                Target.tenant(command.tenant()).and("entra-tenant"), requestId);
        Tenant tenant = scope.tenant();
        Optional<EntraTenantId> registered = tenant.entraTenant();
        if (registered.isPresent() && !registered.get().equals(command.entraTenant())) {
            throw scope.failed(new ConflictException("tenant " + tenant.id()
                    + " is already registered to another Entra tenant"));
        }
        if (registered.isEmpty()) {
            scope = scope.attempting();
            try {
                if (tenants.findByEntraTenant(command.entraTenant()).isPresent()) {
                    throw new ConflictException("Entra tenant " + command.entraTenant()
                            + " is already registered on a tenant");
                }
                directory.claim(new DirectoryEntry(command.entraTenant(), tenant.id(), tenant.homeRegion()));
            } catch (ConflictException e) {
                throw scope.failed(e);
            }
            tenants.registerEntraTenant(tenant.id(), command.entraTenant());
        }
        scope.succeeded();
        return tenant.withEntraTenant(command.entraTenant());
    }
}
