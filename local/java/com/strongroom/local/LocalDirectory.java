package com.strongroom.local;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.strongroom.adapters.cosmos.CosmosTenantDirectory;
import com.strongroom.adapters.cosmos.CosmosTenantStore;
import com.strongroom.config.Settings;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import java.util.Optional;

/**
 * Dev only: what the dev issuer needs to know of tenants (the Entra tenant registered on one) and a way to write a
 * directory entry as another region's stamp would, so that local mode can show a 421.
 */
public final class LocalDirectory implements AutoCloseable {
    private final CosmosClient cosmos;
    private final CosmosTenantStore tenants;
    private final CosmosTenantDirectory directory;

    LocalDirectory(Settings settings) {
        this.cosmos = new CosmosClientBuilder().endpoint(settings.cosmosEndpoint().toString())
                .key(settings.cosmosKey().orElseThrow()).gatewayMode().endpointDiscoveryEnabled(false).buildClient();
        this.tenants = new CosmosTenantStore(() -> cosmos.getDatabase(settings.cosmosDatabase())
                .getContainer(CosmosTenantStore.CONTAINER));
        this.directory = new CosmosTenantDirectory(() -> cosmos.getDatabase(settings.directoryCosmosDatabase())
                .getContainer(CosmosTenantDirectory.CONTAINER));
    }

    /** The Entra tenant registered on {@code tenant}, if the tenant exists and has one. */
    public Optional<EntraTenantId> entraTenantOf(TenantId tenant) {
        return tenants.find(tenant).flatMap(Tenant::entraTenant);
    }

    /** Records a customer directory as registered on a tenant of another stamp. */
    public void registerElsewhere(DirectoryEntry entry) {
        directory.claim(entry);
    }

    @Override
    public void close() {
        cosmos.close();
    }
}
