package com.strongroom.app;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import com.strongroom.adapters.cosmos.CosmosAuditMigration;
import com.strongroom.config.Settings;
import java.time.Instant;

/**
 * Copies a stamp's audit trail from the container it had before lanes into the hierarchical one, with the app's own
 * settings from the environment ({@code scripts/migrate-audit}). Run it once after deploying the version with lanes,
 * before the app takes traffic; it can be run again safely.
 */
public final class MigrateAuditTrail {
    private MigrateAuditTrail() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.from(System.getenv());
        try (CosmosClient client = Adapters.metadataCosmosClient(settings)) {
            CosmosDatabase database = client.getDatabase(settings.cosmosDatabase());
            CosmosAuditMigration.Outcome outcome = new CosmosAuditMigration(
                    database.getContainer(CosmosAuditLog.LEGACY_CONTAINER),
                    database.getContainer(CosmosAuditLog.CONTAINER)).copy(Instant.now());
            System.out.println("audit documents copied: " + outcome.copied() + ", already expired: " + outcome.expired()
                    + ", not audit documents: " + outcome.skipped());
        }
    }
}
