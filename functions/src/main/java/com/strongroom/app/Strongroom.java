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
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.strongroom.adapters.auth.EntraIssuer;
import com.strongroom.adapters.auth.JwtAuthenticator;
import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import com.strongroom.adapters.cosmos.CosmosDataKeyStore;
import com.strongroom.adapters.cosmos.CosmosGrantStore;
import com.strongroom.adapters.cosmos.CosmosUploadStore;
import com.strongroom.adapters.cosmos.CosmosTenantDirectory;
import com.strongroom.adapters.cosmos.CosmosTenantStore;
import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.adapters.keys.KeyVaultClients;
import com.strongroom.adapters.keys.KeyVaultKeyring;
import com.strongroom.adapters.keys.LocalKeyFileKeyring;
import com.strongroom.adapters.storage.BlobCheckpointStore;
import com.strongroom.adapters.storage.BlobContentStore;
import com.strongroom.adapters.storage.QueueConsentNotices;
import com.strongroom.adapters.storage.StorageProbes;
import com.strongroom.config.Mode;
import com.strongroom.config.Settings;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.CallerPolicy;
import com.strongroom.core.access.SupportConsent;
import com.strongroom.core.asset.CompleteUpload;
import com.strongroom.core.asset.DeleteAsset;
import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.asset.ListAssets;
import com.strongroom.core.asset.ReadAsset;
import com.strongroom.core.asset.StageUploadPart;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.asset.UpdateAsset;
import com.strongroom.core.asset.UploadAsset;
import com.strongroom.core.asset.UploadDigests;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.audit.CheckpointAuditTrail;
import com.strongroom.core.audit.CheckpointQuietChains;
import com.strongroom.core.audit.Checkpointer;
import com.strongroom.core.audit.QueryAuditEvents;
import com.strongroom.core.audit.VerifyAuditTrail;
import com.strongroom.core.consent.ConsentGrants;
import com.strongroom.core.consent.CreateConsentGrant;
import com.strongroom.core.consent.SweepExpiredGrants;
import com.strongroom.core.health.CheckHealth;
import com.strongroom.core.keys.RotateTenantKeys;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.port.Authenticator;
import com.strongroom.core.port.DependencyProbe;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.tenant.CreateTenant;
import com.strongroom.core.tenant.ReadTenant;
import com.strongroom.core.tenant.RegisterEntraTenant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The composition root: reads the settings once, builds every client once and shares it, and wires the use
 * cases. Azure types end here; the use cases see only ports.
 */
public final class Strongroom {
    public static final String DATABASE_CONTAINER_TENANTS = CosmosTenantStore.CONTAINER;
    public static final String DATABASE_CONTAINER_AUDIT = CosmosAuditLog.CONTAINER;
    public static final String BLOB_CONTAINER_ASSETS = BlobContentStore.CONTAINER;
    /** Name of the dev issuer's public key set inside {@code LOCAL_KEYS_DIR}. */
    public static final String DEV_ISSUER_JWKS = "dev-issuer.jwks.json";
    /** Name of the dev issuer's {@code organizations}-style metadata document inside {@code LOCAL_KEYS_DIR}. */
    public static final String DEV_ISSUER_METADATA = "dev-issuer.openid-configuration.json";

    private static final Duration COSMOS_OPERATION_TIMEOUT = Duration.ofSeconds(10);
    /** How long a part that came early waits for its predecessor, being staged here, to extend the upload's hash. */
    private static final Duration UPLOAD_PART_WAIT = Duration.ofSeconds(30);

    private static volatile Strongroom fromEnvironment;

    private final Settings settings;
    private final String version;
    private final Authenticator authenticator;
    private final CreateTenant createTenant;
    private final ReadTenant readTenant;
    private final RegisterEntraTenant registerEntraTenant;
    private final CheckHealth checkHealth;
    private final AccessControl accessControl;
    private final QueryAuditEvents queryAuditEvents;
    private final VerifyAuditTrail verifyAuditTrail;
    private final CheckpointAuditTrail checkpointAuditTrail;
    private final CheckpointQuietChains checkpointQuietChains;
    private final RotateTenantKeys rotateTenantKeys;
    private final AssetUseCases assetUseCases;
    private final ConsentUseCases consentUseCases;

    /** The asset use cases, one per route. */
    public record AssetUseCases(UploadAsset upload, StartUpload startUpload, StageUploadPart stagePart,
                                CompleteUpload completeUpload, ReadAsset read, ListAssets list, DownloadAsset download,
                                UpdateAsset update, DeleteAsset delete) {
    }

    /** The consent use cases: grant, and list, read, revoke and trace grants; the expiry sweep. */
    public record ConsentUseCases(CreateConsentGrant create, ConsentGrants grants, SweepExpiredGrants sweep) {
    }

    private Strongroom(Settings settings) {
        this.settings = settings;
        this.version = readVersion();
        Clock clock = Clock.systemUTC();
        TokenCredential credential = settings.mode() == Mode.AZURE ? azureCredential(settings) : null;

        Lazy<CosmosClient> metadataClient = new Lazy<>(() -> cosmosClient(settings, settings.cosmosEndpoint(),
                credential));
        Lazy<CosmosDatabase> database = new Lazy<>(() -> metadataClient.get().getDatabase(settings.cosmosDatabase()));
        // The keyring has its own account (short backups) in Azure; locally both live in one stand-in.
        Lazy<CosmosDatabase> keyringDatabase = new Lazy<>(() -> (settings.keyringCosmosEndpoint()
                .equals(settings.cosmosEndpoint()) ? metadataClient.get()
                : cosmosClient(settings, settings.keyringCosmosEndpoint(), credential))
                .getDatabase(settings.cosmosDatabase()));
        // The directory is one account that every stamp shares in Azure; locally it is a database of the stand-in.
        Lazy<CosmosDatabase> directoryDatabase = new Lazy<>(() -> (settings.directoryCosmosEndpoint()
                .equals(settings.cosmosEndpoint()) ? metadataClient.get()
                : cosmosClient(settings, settings.directoryCosmosEndpoint(), credential))
                .getDatabase(settings.directoryCosmosDatabase()));
        CosmosTenantStore tenants = new CosmosTenantStore(container(database, DATABASE_CONTAINER_TENANTS));
        CosmosTenantDirectory directory = new CosmosTenantDirectory(container(directoryDatabase,
                CosmosTenantDirectory.CONTAINER));
        CosmosAuditLog auditLog = new CosmosAuditLog(container(database, DATABASE_CONTAINER_AUDIT));
        CosmosAssetStore assets = new CosmosAssetStore(container(database, CosmosAssetStore.CONTAINER));
        CosmosUploadStore uploads = new CosmosUploadStore(container(database, CosmosUploadStore.CONTAINER), clock);
        CosmosGrantStore grants = new CosmosGrantStore(container(database, CosmosGrantStore.CONTAINER));
        CosmosDataKeyStore dataKeys = new CosmosDataKeyStore(container(keyringDatabase, CosmosDataKeyStore.CONTAINER),
                clock);
        BlobServiceClient blobs = blobClient(settings, credential);
        BlobContentStore content = new BlobContentStore(blobs.getBlobContainerClient(BlobContentStore.CONTAINER));
        QueueServiceClient queues = queueClient(settings, credential);
        BlobCheckpointStore checkpoints = new BlobCheckpointStore(
                blobs.getBlobContainerClient(BlobCheckpointStore.CONTAINER));

        DependencyProbe keyProbe;
        KeyEncryptionKeys keks;
        JwsCheckpointSigner signer;
        EntraIssuer issuer;
        if (settings.mode() == Mode.AZURE) {
            KeyVaultClients vault = new KeyVaultClients(settings.keyVaultUri().orElseThrow().toString(), credential);
            KeyVaultKeyring keyring = new KeyVaultKeyring(vault, settings.keyVaultHsm());
            keks = keyring;
            keyProbe = keyring.probe();
            signer = JwsCheckpointSigner.keyVault(vault, settings.signingKeyName());
            issuer = EntraIssuer.fromMetadata(settings.authOidcMetadataUrl().orElseThrow());
        } else {
            Path keysDir = settings.localKeysDir().orElseThrow();
            LocalKeyFileKeyring local = new LocalKeyFileKeyring(keysDir);
            keks = local;
            keyProbe = local.probe();
            signer = JwsCheckpointSigner.local(keysDir);
            issuer = EntraIssuer.fromFiles(keysDir.resolve(DEV_ISSUER_METADATA), keysDir.resolve(DEV_ISSUER_JWKS));
        }
        authenticator = new JwtAuthenticator(issuer, settings.authClientId(),
                new CallerPolicy(settings.vendorTenantId(), settings.staffAuthContext()));

        Checkpointer checkpointer = new Checkpointer(auditLog, signer, checkpoints, clock);
        ChainedAuditTrail auditTrail = new ChainedAuditTrail(auditLog, settings.auditRetention(), checkpointer,
                settings.auditCheckpointEvery());
        AuditRecorder audit = new AuditRecorder(auditTrail, clock);
        SupportConsent supportConsent = new SupportConsent(grants,
                new QueueConsentNotices(queues.getQueueClient(settings.queues().notifications())), clock);
        AccessControl access = new AccessControl(settings.stampRegion(), tenants, directory, supportConsent, audit,
                settings.staffAuthContext());
        this.createTenant = new CreateTenant(access, tenants, directory, keks, audit, clock,
                settings.mode() == Mode.LOCAL ? Optional.of(() -> EntraTenantId.of(UUID.randomUUID().toString()))
                        : Optional.empty());
        this.registerEntraTenant = new RegisterEntraTenant(access, tenants, directory, audit);
        this.readTenant = new ReadTenant(access, audit);
        this.queryAuditEvents = new QueryAuditEvents(access, auditLog, audit);
        this.verifyAuditTrail = new VerifyAuditTrail(access, auditLog, checkpoints, signer, settings.auditRetention(),
                audit, clock);
        this.checkpointAuditTrail = new CheckpointAuditTrail(access, checkpointer, audit);
        this.checkpointQuietChains = new CheckpointQuietChains(auditLog, checkpoints, checkpointer);
        TenantKeyring keyring = new TenantKeyring(keks, dataKeys, clock, settings.tdkCacheTtl(),
                settings.tdkCacheMaxTenants());
        this.rotateTenantKeys = new RotateTenantKeys(access, tenants, keks, dataKeys, keyring, audit);
        UploadDigests uploadDigests = new UploadDigests(UPLOAD_PART_WAIT);
        this.assetUseCases = new AssetUseCases(
                new UploadAsset(access, assets, keyring, content, audit, clock),
                new StartUpload(access, uploads, keyring, audit, clock),
                new StageUploadPart(access, uploads, keyring, content, uploadDigests, clock),
                new CompleteUpload(access, assets, uploads, keyring, content, uploadDigests, audit, clock),
                new ReadAsset(access, assets, audit),
                new ListAssets(access, assets, keyring, audit),
                new DownloadAsset(access, assets, keyring, content, audit, settings.maxResponseBytes()),
                new UpdateAsset(access, assets, keyring, audit, clock),
                new DeleteAsset(access, assets, keyring, content, audit));
        this.consentUseCases = new ConsentUseCases(new CreateConsentGrant(access, grants, assets, audit, clock),
                new ConsentGrants(access, grants, auditLog, audit, clock), new SweepExpiredGrants(grants, audit, clock));
        List<DependencyProbe> probes = List.of(DependencyProbe.of(Dependency.COSMOS, () -> database.get().read()),
                DependencyProbe.of(Dependency.DIRECTORY, () -> directoryDatabase.get().read()),
                StorageProbes.blob(blobs, BLOB_CONTAINER_ASSETS),
                StorageProbes.queue(queues, settings.queues().tenantJobs()), keyProbe, signer.probe());
        this.checkHealth = new CheckHealth(settings.stampRegion(), version, probes, Duration.ofSeconds(5),
                healthExecutor());
        this.accessControl = access;
    }

    /** The process-wide instance the Functions worker uses, built from the environment on first use. */
    public static Strongroom fromEnvironment() {
        Strongroom current = fromEnvironment;
        if (current == null) {
            synchronized (Strongroom.class) {
                current = fromEnvironment;
                if (current == null) {
                    current = new Strongroom(Settings.from(System.getenv()));
                    fromEnvironment = current;
                }
            }
        }
        return current;
    }

    /** An instance for explicit settings (the local host, tests). */
    public static Strongroom start(Settings settings) {
        return new Strongroom(settings);
    }

    public Settings settings() {
        return settings;
    }

    public String version() {
        return version;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public AccessControl accessControl() {
        return accessControl;
    }

    public CreateTenant createTenant() {
        return createTenant;
    }

    public ReadTenant readTenant() {
        return readTenant;
    }

    public RegisterEntraTenant registerEntraTenant() {
        return registerEntraTenant;
    }

    public QueryAuditEvents queryAuditEvents() {
        return queryAuditEvents;
    }

    public VerifyAuditTrail verifyAuditTrail() {
        return verifyAuditTrail;
    }

    public CheckpointAuditTrail checkpointAuditTrail() {
        return checkpointAuditTrail;
    }

    public CheckpointQuietChains checkpointQuietChains() {
        return checkpointQuietChains;
    }

    public RotateTenantKeys rotateTenantKeys() {
        return rotateTenantKeys;
    }

    public AssetUseCases assets() {
        return assetUseCases;
    }

    public ConsentUseCases consent() {
        return consentUseCases;
    }

    public CheckHealth checkHealth() {
        return checkHealth;
    }

    private static TokenCredential azureCredential(Settings settings) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        settings.managedIdentityClientId().ifPresent(builder::managedIdentityClientId);
        return builder.build();
    }

    private static CosmosClient cosmosClient(Settings settings, java.net.URI endpoint, TokenCredential credential) {
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

    private static BlobServiceClient blobClient(Settings settings, TokenCredential credential) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (settings.storageConnectionString().isPresent()) {
            return builder.connectionString(settings.storageConnectionString().get()).buildClient();
        }
        return builder.endpoint(settings.blobServiceUri().orElseThrow().toString()).credential(credential).buildClient();
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

    private static ExecutorService healthExecutor() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "health-probe");
            t.setDaemon(true);
            return t;
        });
    }

    private static String readVersion() {
        try (InputStream in = Strongroom.class.getResourceAsStream("/strongroom-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
