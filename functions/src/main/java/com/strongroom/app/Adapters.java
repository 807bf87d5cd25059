package com.strongroom.app;

import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosEndToEndOperationLatencyPolicyConfigBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.strongroom.adapters.auth.EntraIssuer;
import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import com.strongroom.adapters.cosmos.CosmosCancellationStore;
import com.strongroom.adapters.cosmos.CosmosContactStore;
import com.strongroom.adapters.cosmos.CosmosDataKeyStore;
import com.strongroom.adapters.cosmos.CosmosErasureStore;
import com.strongroom.adapters.cosmos.CosmosExportStore;
import com.strongroom.adapters.cosmos.CosmosGrantStore;
import com.strongroom.adapters.cosmos.CosmosIncidentStore;
import com.strongroom.adapters.cosmos.CosmosNoticeStore;
import com.strongroom.adapters.cosmos.CosmosSendBudget;
import com.strongroom.adapters.cosmos.CosmosSendLedger;
import com.strongroom.adapters.cosmos.CosmosTenantDirectory;
import com.strongroom.adapters.cosmos.CosmosTenantPartition;
import com.strongroom.adapters.cosmos.CosmosTenantStore;
import com.strongroom.adapters.cosmos.CosmosUploadStore;
import com.strongroom.adapters.email.AcsEmailNotifier;
import com.strongroom.adapters.email.OutboxNotifier;
import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.adapters.keys.KeyVaultClients;
import com.strongroom.adapters.keys.KeyVaultKeyring;
import com.strongroom.adapters.keys.LocalKeyFileKeyring;
import com.strongroom.adapters.storage.BlobCheckpointStore;
import com.strongroom.adapters.storage.BlobContentStore;
import com.strongroom.adapters.storage.BlobErasureLedger;
import com.strongroom.adapters.storage.BlobReceiptStore;
import com.strongroom.adapters.storage.BlobTenantPrefix;
import com.strongroom.adapters.storage.QueueConsentNotices;
import com.strongroom.adapters.storage.QueueErasureJobs;
import com.strongroom.adapters.storage.QueueNoticeJobs;
import com.strongroom.adapters.storage.QueueTenantJobs;
import com.strongroom.adapters.storage.StorageProbes;
import com.strongroom.config.Mode;
import com.strongroom.config.Settings;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CancellationStore;
import com.strongroom.core.port.CheckpointStore;
import com.strongroom.core.port.ConsentNotices;
import com.strongroom.core.port.ContactStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.DependencyProbe;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.core.port.ErasureLedger;
import com.strongroom.core.port.ErasureStore;
import com.strongroom.core.port.ExportJobs;
import com.strongroom.core.port.ExportStore;
import com.strongroom.core.port.GrantStore;
import com.strongroom.core.port.IncidentStore;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.Notifier;
import com.strongroom.core.port.PurgeJobs;
import com.strongroom.core.port.ReceiptStore;
import com.strongroom.core.port.SendBudget;
import com.strongroom.core.port.SendLedger;
import com.strongroom.core.port.TenantDataSet;
import com.strongroom.core.port.TenantDirectory;
import com.strongroom.core.port.TenantStore;
import com.strongroom.core.port.UploadStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every port's adapter, built once for one mode: {@link #azure} reaches each service with the managed identity and
 * keeps keys in Key Vault; {@link #local} reaches the emulators with their well-known keys and keeps keys in files.
 * Everything else is the same code in both.
 */
record Adapters(TenantStore tenants, TenantDirectory directory, AuditLog auditLog, AssetStore assets,
                UploadStore uploads, GrantStore grants, DataKeyStore dataKeys, ContentStore content,
                CheckpointStore checkpoints, ConsentNotices notices, ErasureStore erasures, ErasureLedger erasureLedger,
                ErasureJobs erasureJobs, ReceiptStore receipts, ContactStore contacts, NoticeStore noticeStore,
                SendLedger sendLedger, SendBudget sendBudget, Notifier notifier, NoticeJobs noticeJobs,
                IncidentStore incidents, ExportStore exports, ExportJobs exportJobs, ContentStore exportContent,
                CancellationStore cancellations, PurgeJobs purgeJobs, List<TenantDataSet> tenantData,
                TenantDataSet tenantNotifications, KeyEncryptionKeys keks, JwsCheckpointSigner signer,
                EntraIssuer issuer, List<DependencyProbe> probes) {
    private static final Duration COSMOS_OPERATION_TIMEOUT = Duration.ofSeconds(10);
    /** Export packages, stored as assets' content is but in a container of their own. */
    static final String EXPORTS_CONTAINER = "exports";

    /** Keys, signing and token issuer of one mode. */
    private record Keys(KeyEncryptionKeys keks, DependencyProbe probe, JwsCheckpointSigner signer, EntraIssuer issuer,
                        Notifier notifier) {
    }

    static Adapters azure(Settings settings, Clock clock) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        settings.managedIdentityClientId().ifPresent(builder::managedIdentityClientId);
        TokenCredential credential = builder.build();
        KeyVaultClients vault = new KeyVaultClients(settings.keyVaultUri().orElseThrow().toString(), credential);
        KeyVaultKeyring keyring = new KeyVaultKeyring(vault, settings.keyVaultHsm());
        return build(settings, clock, credential, new Keys(keyring, keyring.probe(),
                JwsCheckpointSigner.keyVault(vault, settings.signingKeyName()),
                EntraIssuer.fromMetadata(settings.authOidcMetadataUrl().orElseThrow()),
                new AcsEmailNotifier(settings.email().endpoint().orElseThrow().toString(), credential,
                        settings.email().senderAddress())));
    }

    static Adapters local(Settings settings, Clock clock) {
        Path keysDir = settings.localKeysDir().orElseThrow();
        LocalKeyFileKeyring keyring = new LocalKeyFileKeyring(keysDir);
        return build(settings, clock, null, new Keys(keyring, keyring.probe(), JwsCheckpointSigner.local(keysDir),
                EntraIssuer.fromFiles(keysDir.resolve(Strongroom.DEV_ISSUER_METADATA),
                        keysDir.resolve(Strongroom.DEV_ISSUER_JWKS)),
                new OutboxNotifier(settings.email().outbox().orElseThrow(), settings.email().senderAddress(), clock)));
    }

    private static Adapters build(Settings settings, Clock clock, TokenCredential credential, Keys keys) {
        Lazy<CosmosClient> metadataClient = new Lazy<>(() -> cosmosClient(settings, settings.cosmosEndpoint(),
                credential));
        Lazy<CosmosDatabase> database = new Lazy<>(() -> metadataClient.get().getDatabase(settings.cosmosDatabase()));
        // The keyring and the directory have accounts of their own in Azure; locally all live in one stand-in.
        Lazy<CosmosDatabase> keyringDatabase = new Lazy<>(() -> client(settings, settings.keyringCosmosEndpoint(),
                metadataClient, credential).getDatabase(settings.cosmosDatabase()));
        Lazy<CosmosDatabase> directoryDatabase = new Lazy<>(() -> client(settings, settings.directoryCosmosEndpoint(),
                metadataClient, credential).getDatabase(settings.directoryCosmosDatabase()));
        BlobServiceClient blobs = blobClient(settings, settings.blobServiceUri(), credential);
        // Write-once evidence lives in an account of its own in Azure, which no restore of the data reaches.
        BlobServiceClient evidence = blobClient(settings, settings.evidenceBlobServiceUri(), credential);
        QueueServiceClient queues = queueClient(settings, credential);
        QueueTenantJobs tenantJobs = new QueueTenantJobs(queues.getQueueClient(settings.queues().tenantJobs()));
        return new Adapters(
                new CosmosTenantStore(container(database, CosmosTenantStore.CONTAINER)),
                new CosmosTenantDirectory(container(directoryDatabase, CosmosTenantDirectory.CONTAINER)),
                new CosmosAuditLog(container(database, CosmosAuditLog.CONTAINER)),
                new CosmosAssetStore(container(database, CosmosAssetStore.CONTAINER)),
                new CosmosUploadStore(container(database, CosmosUploadStore.CONTAINER), clock),
                new CosmosGrantStore(container(database, CosmosGrantStore.CONTAINER)),
                new CosmosDataKeyStore(container(keyringDatabase, CosmosDataKeyStore.CONTAINER), clock),
                new BlobContentStore(blobs.getBlobContainerClient(BlobContentStore.CONTAINER)),
                new BlobCheckpointStore(evidence.getBlobContainerClient(BlobCheckpointStore.CONTAINER)),
                new QueueConsentNotices(queues.getQueueClient(settings.queues().notifications())),
                new CosmosErasureStore(container(database, CosmosErasureStore.CONTAINER)),
                new BlobErasureLedger(evidence.getBlobContainerClient(BlobErasureLedger.CONTAINER), clock),
                new QueueErasureJobs(queues.getQueueClient(settings.queues().erasure())),
                new BlobReceiptStore(blobs.getBlobContainerClient(BlobReceiptStore.CONTAINER)),
                new CosmosContactStore(container(database, CosmosContactStore.CONTAINER)),
                new CosmosNoticeStore(container(database, CosmosNoticeStore.CONTAINER)),
                new CosmosSendLedger(container(database, CosmosSendLedger.CONTAINER)),
                new CosmosSendBudget(container(database, CosmosSendBudget.CONTAINER), settings.email().sendsPerMinute()),
                keys.notifier(),
                new QueueNoticeJobs(queues.getQueueClient(settings.queues().notifications())),
                new CosmosIncidentStore(container(database, CosmosIncidentStore.CONTAINER)),
                new CosmosExportStore(container(database, CosmosExportStore.CONTAINER)),
                tenantJobs,
                new BlobContentStore(blobs.getBlobContainerClient(EXPORTS_CONTAINER)),
                new CosmosCancellationStore(container(database, CosmosCancellationStore.CONTAINER)), tenantJobs,
                tenantData(database, keyringDatabase, blobs),
                new CosmosTenantPartition("notifications", container(database, CosmosContactStore.CONTAINER), "true"),
                keys.keks(), keys.signer(), keys.issuer(),
                List.of(DependencyProbe.of(Dependency.COSMOS, () -> database.get().read()),
                        DependencyProbe.of(Dependency.DIRECTORY, () -> directoryDatabase.get().read()),
                        StorageProbes.blob(blobs, BlobContentStore.CONTAINER),
                        StorageProbes.queue(queues, settings.queues().tenantJobs()), keys.probe(),
                        keys.signer().probe()));
    }

    /**
     * Every place a tenant's data lives in this stamp, but its notifications (purged last) and what a purge keeps: the
     * audit trail, its checkpoints and the erasure ledger, the tenant record and the cancellation itself.
     */
    private static List<TenantDataSet> tenantData(Lazy<CosmosDatabase> database, Lazy<CosmosDatabase> keyring,
                                                  BlobServiceClient blobs) {
        return List.of(
                new BlobTenantPrefix("asset-content-blobs", blobs.getBlobContainerClient(BlobContentStore.CONTAINER)),
                new BlobTenantPrefix("export-blobs", blobs.getBlobContainerClient(EXPORTS_CONTAINER)),
                new BlobTenantPrefix("erasure-receipts", blobs.getBlobContainerClient(BlobReceiptStore.CONTAINER)),
                new CosmosTenantPartition("asset-documents", container(database, CosmosAssetStore.CONTAINER), "true"),
                new CosmosTenantPartition("content-keys", container(keyring, CosmosDataKeyStore.CONTAINER), "true"),
                new CosmosTenantPartition("upload-sessions", container(database, CosmosUploadStore.CONTAINER), "true"),
                new CosmosTenantPartition("consent-grants", container(database, CosmosGrantStore.CONTAINER), "true"),
                new CosmosTenantPartition("erasure-requests", container(database, CosmosErasureStore.CONTAINER),
                        "true"),
                new CosmosTenantPartition("exports", container(database, CosmosExportStore.CONTAINER),
                        "c.id != '" + CosmosCancellationStore.ID + "'"));
    }

    /** The metadata account's client for its own endpoint, else a client of the other account, built once. */
    private static CosmosClient client(Settings settings, URI endpoint, Lazy<CosmosClient> metadataClient,
                                       TokenCredential credential) {
        return endpoint.equals(settings.cosmosEndpoint()) ? metadataClient.get()
                : cosmosClient(settings, endpoint, credential);
    }

    /** A client of the metadata account, for a one-off operation run beside the app with its settings. */
    static CosmosClient metadataCosmosClient(Settings settings) {
        TokenCredential credential = null;
        if (settings.mode() == Mode.AZURE) {
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
            settings.managedIdentityClientId().ifPresent(builder::managedIdentityClientId);
            credential = builder.build();
        }
        return cosmosClient(settings, settings.cosmosEndpoint(), credential);
    }

    private static CosmosClient cosmosClient(Settings settings, URI endpoint, TokenCredential credential) {
        CosmosClientBuilder builder = new CosmosClientBuilder().endpoint(endpoint.toString())
                .contentResponseOnWriteEnabled(false)
                // A request that cannot finish in time fails as a clear 503 instead of holding the caller.
                .endToEndOperationLatencyPolicyConfig(
                        new CosmosEndToEndOperationLatencyPolicyConfigBuilder(COSMOS_OPERATION_TIMEOUT).build());
        if (settings.mode() == Mode.AZURE) {
            builder.credential(credential);
        } else {
            // The local stand-in speaks only the gateway protocol and has a single region.
            builder.key(settings.cosmosKey().orElseThrow(() -> new IllegalStateException("COSMOS_KEY is missing")))
                    .gatewayMode().endpointDiscoveryEnabled(false);
        }
        return builder.buildClient();
    }

    private static Supplier<CosmosContainer> container(Lazy<CosmosDatabase> database, String name) {
        return new Lazy<>(() -> database.get().getContainer(name));
    }

    private static BlobServiceClient blobClient(Settings settings, Optional<URI> endpoint, TokenCredential credential) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (settings.storageConnectionString().isPresent()) {
            return builder.connectionString(settings.storageConnectionString().get()).buildClient();
        }
        return builder.endpoint(endpoint.orElseThrow().toString()).credential(credential).buildClient();
    }

    private static QueueServiceClient queueClient(Settings settings, TokenCredential credential) {
        // The Functions queue trigger reads base64 messages.
        QueueServiceClientBuilder builder = new QueueServiceClientBuilder().messageEncoding(QueueMessageEncoding.BASE64);
        if (settings.storageConnectionString().isPresent()) {
            return builder.connectionString(settings.storageConnectionString().get()).buildClient();
        }
        return builder.endpoint(settings.queueServiceUri().orElseThrow().toString()).credential(credential)
                .buildClient();
    }
}
