package com.strongroom.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.tenant.CreateTenant;
import com.strongroom.core.tenant.RegisterEntraTenant;
import java.util.Optional;

/** JSON shapes of the tenant routes. Key material has no place in any of them. */
final class TenantViews {
    private TenantViews() {
    }

    record CreateRequest(String id, String displayName, String region, String entraTenantId) {
        CreateTenant.Command toCommand() {
            if (id == null) {
                throw new InvalidInputException("id", "is required");
            }
            Optional<Region> home = Optional.ofNullable(region).map(r -> Region.fromAzureName(r)
                    .orElseThrow(() -> new InvalidInputException("region", "is not a Strongroom region")));
            return new CreateTenant.Command(TenantId.of(id), displayName, home,
                    Optional.ofNullable(entraTenantId).map(EntraTenantId::of));
        }
    }

    record EntraTenantRequest(String entraTenantId) {
        RegisterEntraTenant.Command toCommand(TenantId tenant) {
            if (entraTenantId == null) {
                throw new InvalidInputException("entraTenantId", "is required");
            }
            return new RegisterEntraTenant.Command(tenant, EntraTenantId.of(entraTenantId));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TenantView(String id, String displayName, String region, String entraTenantId, String status,
                      String createdAt) {
        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.id().value(), tenant.displayName(), tenant.homeRegion().azureName(),
                    tenant.entraTenant().map(EntraTenantId::value).orElse(null),
                    tenant.status().name().toLowerCase(java.util.Locale.ROOT), tenant.createdAt().toString());
        }
    }
}
