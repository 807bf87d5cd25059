package com.strongroom.local;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.PartitionKind;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.strongroom.adapters.cosmos.CosmosTenantDirectory;
import com.strongroom.config.Settings;
import java.util.List;
import java.util.Map;

/**
 * Dev only: creates the database, containers, blob containers and queues the app expects, if missing. In Azure
 * the Bicep templates create them and the app's identity has no right to.
 */
public final class LocalProvisioner {
    /**
     * Cosmos containers and their partition keys, as infra/modules/cosmos.bicep creates them (NamesTest); a key of
     * several paths, comma-separated, is hierarchical.
     */
    public static final Map<String, String> CONTAINERS = Map.ofEntries(
            Map.entry("tenants", "/id"), Map.entry("assets", "/tenantId"), Map.entry("keyring", "/tenantId"),
            Map.entry("uploads", "/tenantId"), Map.entry("grants", "/tenantId"), Map.entry("erasures", "/tenantId"),
            Map.entry("jobs", "/tenantId"), Map.entry("audit", "/tenantId"), Map.entry("audit-trail", "/tenantId,/chain"),
            Map.entry("incidents", "/id"), Map.entry("notifications", "/tenantId"));
    /** Containers whose items expire by their own {@code ttl}. */
    private static final List<String> WITH_TTL = List.of("uploads", "audit", "audit-trail", "keyring");
    public static final List<String> BLOB_CONTAINERS = List.of("assets", "exports", "receipts", "audit-checkpoints", "erasure-ledger");

    private LocalProvisioner() {
    }

    public static void provision(Settings settings) {
        try (CosmosClient cosmos = new CosmosClientBuilder().endpoint(settings.cosmosEndpoint().toString())
                .key(settings.cosmosKey().orElseThrow()).gatewayMode().endpointDiscoveryEnabled(false).buildClient()) {
            cosmos.createDatabaseIfNotExists(settings.cosmosDatabase());
            CosmosDatabase database = cosmos.getDatabase(settings.cosmosDatabase());
            CONTAINERS.forEach((name, partitionKey) -> {
                PartitionKeyDefinition key = new PartitionKeyDefinition();
                key.setPaths(List.of(partitionKey.split(",")));
                if (key.getPaths().size() > 1) {
                    key.setKind(PartitionKind.MULTI_HASH);
                    key.setVersion(PartitionKeyDefinitionVersion.V2);
                }
                CosmosContainerProperties properties = new CosmosContainerProperties(name, key);
                if (WITH_TTL.contains(name)) {
                    properties.setDefaultTimeToLiveInSeconds(-1);
                }
                List<String> existing = database.createContainerIfNotExists(properties).getProperties()
                        .getPartitionKeyDefinition().getPaths();
                if (!existing.equals(key.getPaths())) {
                    // Data kept from an older layout would be read and written under the wrong partition key.
                    throw new IllegalStateException("the local container " + name + " is partitioned by " + existing
                            + ", not " + key.getPaths() + "; delete the .local folder to start afresh");
                }
            });
        }
        try (CosmosClient directory = new CosmosClientBuilder().endpoint(settings.directoryCosmosEndpoint().toString())
                .key(settings.cosmosKey().orElseThrow()).gatewayMode().endpointDiscoveryEnabled(false).buildClient()) {
            directory.createDatabaseIfNotExists(settings.directoryCosmosDatabase());
            directory.getDatabase(settings.directoryCosmosDatabase()).createContainerIfNotExists(
                    new CosmosContainerProperties(CosmosTenantDirectory.CONTAINER, "/id"));
        }
        String storage = settings.storageConnectionString().orElseThrow();
        var blobs = new BlobServiceClientBuilder().connectionString(storage).buildClient();
        BLOB_CONTAINERS.forEach(name -> blobs.getBlobContainerClient(name).createIfNotExists());
        QueueServiceClient queues = new QueueServiceClientBuilder().connectionString(storage).buildClient();
        Settings.Queues names = settings.queues();
        for (String queue : List.of(names.erasure(), names.tenantJobs(), names.notifications())) {
            createQueue(queues, queue);
        }
    }

    /** Creates a queue and its poison queue. */
    public static void createQueue(QueueServiceClient queues, String queue) {
        queues.getQueueClient(queue).createIfNotExists();
        queues.getQueueClient(queue + "-poison").createIfNotExists();
    }
}
