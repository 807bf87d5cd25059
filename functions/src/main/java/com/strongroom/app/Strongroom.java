package com.strongroom.app;

import com.strongroom.adapters.auth.JwtAuthenticator;
import com.strongroom.adapters.storage.QueueErasureJobs;
import com.strongroom.adapters.storage.QueueNoticeJobs;
import com.strongroom.adapters.storage.QueueTenantJobs;
import com.strongroom.config.Mode;
import com.strongroom.config.Settings;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.CallerPolicy;
import com.strongroom.core.asset.CompleteUpload;
import com.strongroom.core.asset.DeleteAsset;
import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.asset.ListAssets;
import com.strongroom.core.asset.ReadAsset;
import com.strongroom.core.asset.StageUploadPart;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.asset.SweepUnfinishedAssets;
import com.strongroom.core.asset.UpdateAsset;
import com.strongroom.core.asset.UploadAsset;
import com.strongroom.core.asset.UploadDigests;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.audit.CheckpointAuditTrail;
import com.strongroom.core.audit.CheckpointQuietChains;
import com.strongroom.core.audit.Checkpointer;
import com.strongroom.core.audit.QueryAuditEvents;
import com.strongroom.core.audit.StampRefusals;
import com.strongroom.core.audit.VerifyAuditTrail;
import com.strongroom.core.cancellation.Cancellations;
import com.strongroom.core.cancellation.DeletionCertificates;
import com.strongroom.core.consent.ConsentGrants;
import com.strongroom.core.consent.CreateConsentGrant;
import com.strongroom.core.consent.SupportConsent;
import com.strongroom.core.consent.SweepExpiredGrants;
import com.strongroom.core.erasure.EraseReleasedAssets;
import com.strongroom.core.erasure.ErasureReceipts;
import com.strongroom.core.erasure.ErasureRequests;
import com.strongroom.core.erasure.MarkErasuresIrrecoverable;
import com.strongroom.core.erasure.ReplayErasureLedger;
import com.strongroom.core.erasure.RequestErasure;
import com.strongroom.core.erasure.RequeueStalledErasures;
import com.strongroom.core.erasure.RunErasure;
import com.strongroom.core.export.BuildExport;
import com.strongroom.core.export.ExpireExports;
import com.strongroom.core.export.Exports;
import com.strongroom.core.health.CheckHealth;
import com.strongroom.core.incident.Incidents;
import com.strongroom.core.keys.RotateTenantKeys;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.TenantJob;
import com.strongroom.core.notice.AnnounceMaintenance;
import com.strongroom.core.notice.BlockSendBudget;
import com.strongroom.core.notice.DeliverNotices;
import com.strongroom.core.notice.TenantContacts;
import com.strongroom.core.notice.TenantNotices;
import com.strongroom.core.port.Authenticator;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.core.tenant.CachingTenantStore;
import com.strongroom.core.tenant.CreateTenant;
import com.strongroom.core.tenant.ReadTenant;
import com.strongroom.core.tenant.RegisterEntraTenant;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
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
    /** Name of the dev issuer's public key set inside {@code LOCAL_KEYS_DIR}. */
    public static final String DEV_ISSUER_JWKS = "dev-issuer.jwks.json";
    /** Name of the dev issuer's {@code organizations}-style metadata document inside {@code LOCAL_KEYS_DIR}. */
    public static final String DEV_ISSUER_METADATA = "dev-issuer.openid-configuration.json";

    /** How long a part that came early waits for its predecessor, being staged here, to extend the upload's hash. */
    private static final Duration UPLOAD_PART_WAIT = Duration.ofSeconds(30);
    /** How long a request waits for memory other requests hold before it is refused as busy. */
    private static final Duration IN_FLIGHT_PATIENCE = Duration.ofSeconds(2);

    /** How long Key Vault keeps a deleted KEK recoverable (infra/modules/keyvault.bicep, softDeleteRetentionInDays). */
    public static final Duration KEY_VAULT_SOFT_DELETE = Duration.ofDays(90);

    /** How long a tenant document, once read, serves the requests of this instance; another's changes wait as long. */
    static final Duration TENANT_CACHE_TTL = Duration.ofSeconds(5);

    /** How long a health report is reused. */
    private static final Duration HEALTH_MAX_AGE = Duration.ofSeconds(5);

    private static volatile Strongroom fromEnvironment;

    private final Settings settings;
    private final String version;
    private final Authenticator authenticator;
    private final AccessControl accessControl;
    private final TenantUseCases tenants;
    private final AuditUseCases audit;
    private final AssetUseCases assets;
    private final ConsentUseCases consent;
    private final ErasureUseCases erasure;
    private final NoticeUseCases notices;
    private final Supplier<String> signingKeys;
    private final CheckHealth checkHealth;
    private final ExportUseCases exports;
    private final Cancellations cancellations;
    private final InFlightBytes inFlight = InFlightBytes.quarterOfHeap(IN_FLIGHT_PATIENCE);

    /** The tenant use cases: create, read, register the customer's Entra tenant, rotate keys. */
    public record TenantUseCases(CreateTenant create, ReadTenant read, RegisterEntraTenant registerEntraTenant,
                                 RotateTenantKeys rotateKeys) {
    }

    /** The audit trail's use cases: query, verify, checkpoint on demand and on the timer. */
    public record AuditUseCases(QueryAuditEvents query, VerifyAuditTrail verify, CheckpointAuditTrail checkpoint,
                                CheckpointQuietChains checkpointQuietChains) {
    }

    /** The asset use cases, one per route. */
    public record AssetUseCases(UploadAsset upload, StartUpload startUpload, StageUploadPart stagePart,
                                CompleteUpload completeUpload, ReadAsset read, ListAssets list, DownloadAsset download,
                                UpdateAsset update, DeleteAsset delete,
                                SweepUnfinishedAssets sweepUnfinishedAssets) {
    }

    /** The consent use cases: grant, and list, read, revoke and trace grants; the expiry sweep. */
    public record ConsentUseCases(CreateConsentGrant create, ConsentGrants grants, SweepExpiredGrants sweep) {
    }

    /** The erasure use cases: request, the request's life, the job, the ledger's replay, and the two timers. */
    public record ErasureUseCases(RequestErasure request, ErasureRequests requests, RunErasure run,
                                  ReplayErasureLedger replayLedger, MarkErasuresIrrecoverable markIrrecoverable,
                                  RequeueStalledErasures requeueStalled) {
    }

    /** The notifier's use cases: contacts, what a tenant was told, maintenance notices, the worker, incidents. */
    public record NoticeUseCases(TenantContacts contacts, TenantNotices notices, AnnounceMaintenance maintenance,
                                 DeliverNotices deliver, Incidents incidents) {
    }

    /** The export use cases: request, list, read and download; the job; the expiry timer. */
    public record ExportUseCases(Exports exports, BuildExport build, ExpireExports expire) {
    }

    private Strongroom(Settings settings) {
        this.settings = settings;
        this.version = readVersion();
        Clock clock = Clock.systemUTC();
        Adapters ports = settings.mode() == Mode.AZURE ? Adapters.azure(settings, clock) : Adapters.local(settings, clock);
        this.authenticator = new JwtAuthenticator(ports.issuer(), settings.authClientId(),
                new CallerPolicy(settings.vendorTenantId(), settings.staffAuthContext()));

        Checkpointer checkpointer = new Checkpointer(ports.auditLog(), ports.signer(), ports.checkpoints(), clock);
        AuditRecorder recorder = new AuditRecorder(new ChainedAuditTrail(ports.auditLog(), settings.auditRetention(),
                checkpointer, settings.auditCheckpointEvery(), settings.auditLanes()), clock);
        SupportConsent supportConsent = new SupportConsent(ports.grants(), ports.notices(), clock);
        // Every request reads its tenant; a few seconds of it kept spares that read (docs/benchmarks.md: staged parts).
        CachingTenantStore tenantStore = new CachingTenantStore(ports.tenants(), TENANT_CACHE_TTL, 10_000, clock);
        AccessControl access = new AccessControl(settings.stampRegion(), tenantStore, ports.directory(),
                supportConsent, recorder, new StampRefusals(recorder, clock), settings.staffAuthContext());
        TenantKeyring keyring = new TenantKeyring(ports.keks(), ports.dataKeys(), tenantStore.fresh(), clock,
                settings.tdkCacheTtl(), settings.tdkCacheMaxTenants());
        this.accessControl = access;
        this.tenants = new TenantUseCases(
                new CreateTenant(access, tenantStore, ports.directory(), ports.keks(), clock,
                        settings.mode() == Mode.LOCAL ? Optional.of(() -> EntraTenantId.of(UUID.randomUUID().toString()))
                                : Optional.empty()),
                new ReadTenant(access),
                new RegisterEntraTenant(access, tenantStore, ports.directory()),
                new RotateTenantKeys(access, tenantStore, ports.keks(), ports.dataKeys(), keyring));
        this.audit = new AuditUseCases(
                new QueryAuditEvents(access, ports.auditLog()),
                new VerifyAuditTrail(access, ports.auditLog(), ports.checkpoints(), ports.signer(),
                        settings.auditRetention(), settings.auditLanes(), clock),
                new CheckpointAuditTrail(access, checkpointer, settings.auditLanes()),
                new CheckpointQuietChains(ports.auditLog(), ports.checkpoints(), checkpointer, clock));
        UploadDigests uploadDigests = new UploadDigests(UPLOAD_PART_WAIT);
        this.assets = new AssetUseCases(
                new UploadAsset(access, ports.assets(), keyring, ports.content(), clock),
                new StartUpload(access, ports.uploads(), keyring, clock),
                new StageUploadPart(access, ports.uploads(), keyring, ports.content(), uploadDigests, clock),
                new CompleteUpload(access, ports.assets(), ports.uploads(), keyring, ports.content(), uploadDigests,
                        clock),
                new ReadAsset(access, ports.assets()),
                new ListAssets(access, ports.assets(), keyring),
                new DownloadAsset(access, ports.assets(), keyring, ports.content(), settings.maxResponseBytes()),
                new UpdateAsset(access, ports.assets(), keyring,
                        new EraseReleasedAssets(ports.erasures(), ports.erasureJobs(), recorder), clock),
                new DeleteAsset(access, ports.assets(), keyring, ports.content()),
                new SweepUnfinishedAssets(ports.assets(), keyring, ports.content(), recorder, clock));
        this.consent = new ConsentUseCases(new CreateConsentGrant(access, ports.grants(), ports.assets(), clock),
                new ConsentGrants(access, ports.grants(), ports.auditLog(), clock),
                new SweepExpiredGrants(ports.grants(), recorder, clock));
        ErasureReceipts receipts = new ErasureReceipts(ports.signer().receipts(), ports.receipts(),
                new ErasureReceipts.BackupRetention(settings.keyringBackupRetention(),
                        settings.metadataBackupRetention()));
        this.erasure = new ErasureUseCases(
                new RequestErasure(access, ports.assets(), ports.erasures(), keyring, clock),
                new ErasureRequests(access, ports.erasures(), ports.erasureJobs(), ports.receipts(), clock),
                new RunErasure(ports.erasures(), ports.assets(), ports.uploads(), keyring, ports.content(),
                        ports.erasureLedger(), ports.erasureJobs(), receipts, recorder, clock),
                new ReplayErasureLedger(access, ports.erasureLedger(), ports.assets(), keyring, ports.content(),
                        recorder),
                new MarkErasuresIrrecoverable(ports.erasures(), receipts, recorder, clock),
                new RequeueStalledErasures(ports.erasures(), ports.erasureJobs(), recorder, clock));
        this.notices = new NoticeUseCases(new TenantContacts(access, ports.contacts()),
                new TenantNotices(access, ports.noticeStore(), ports.sendLedger(), ports.noticeJobs(), clock),
                new AnnounceMaintenance(access, tenantStore, ports.noticeStore(), ports.noticeJobs(), clock),
                new DeliverNotices(ports.noticeStore(), ports.contacts(), ports.sendLedger(),
                        BlockSendBudget.over(ports.sendBudget(), settings.email().sendsPerMinute()), ports.notifier(),
                        ports.noticeJobs(), recorder, clock),
                new Incidents(access, ports.incidents(), ports.auditLog(), ports.assets(), ports.noticeStore(),
                        ports.contacts(), ports.sendLedger(), ports.noticeJobs(), recorder, clock,
                        settings.email().sendsPerMinute()));
        this.exports = new ExportUseCases(
                new Exports(access, ports.exports(), ports.exportJobs(), keyring, ports.exportContent(),
                        settings.maxResponseBytes(), clock),
                new BuildExport(ports.exports(), tenantStore, ports.assets(), keyring, ports.content(),
                        ports.exportContent(), ports.auditLog(), ports.checkpoints(), ports.signer().tagManifests(),
                        recorder, clock),
                new ExpireExports(ports.exports(), ports.dataKeys(), ports.exportContent(), recorder, clock));
        this.cancellations = new Cancellations(access, new Cancellations.Ports(ports.cancellations(), tenantStore,
                ports.exports(), ports.exportJobs(), ports.purgeJobs(), ports.keks(), ports.tenantData(),
                ports.tenantNotifications(), ports.noticeStore(), ports.noticeJobs()),
                new DeletionCertificates(ports.signer().deletionCertificates(), settings.stampRegion(),
                        new DeletionCertificates.Retention(KEY_VAULT_SOFT_DELETE, settings.keyringBackupRetention(),
                                settings.metadataBackupRetention(), settings.auditRetention().admin())),
                notices.deliver(), recorder, clock);
        this.signingKeys = ports.signer()::publicKeySet;
        this.checkHealth = new CheckHealth(settings.stampRegion(), version, ports.probes(), Duration.ofSeconds(5),
                healthExecutor(ports.probes().size()), clock, HEALTH_MAX_AGE);
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

    /** The bytes requests of this instance hold in memory: bodies and range responses. */
    public InFlightBytes inFlight() {
        return inFlight;
    }

    public AccessControl accessControl() {
        return accessControl;
    }

    public TenantUseCases tenants() {
        return tenants;
    }

    public AuditUseCases audit() {
        return audit;
    }

    public AssetUseCases assets() {
        return assets;
    }

    public ConsentUseCases consent() {
        return consent;
    }

    public ErasureUseCases erasure() {
        return erasure;
    }

    public NoticeUseCases notices() {
        return notices;
    }

    /** The job a {@code notifications} message names: a stored notice, or a consent grant's first use. */
    public DeliverNotices.Job noticeJob(String message) {
        return QueueNoticeJobs.parse(message);
    }

    public ExportUseCases exports() {
        return exports;
    }

    public Cancellations cancellations() {
        return cancellations;
    }

    /**
     * Runs the job a {@code tenant-jobs} message names: an export's build (after which the tenant's cancellation, if
     * it waits for that export, moves on) or a tenant's purge.
     */
    public void runTenantJob(String message, QueueDelivery delivery) {
        TenantJob job = QueueTenantJobs.parse(message);
        switch (job.kind()) {
            case EXPORT -> {
                exports.build().handle(new BuildExport.Job(job.tenantId(), job.exportId().orElseThrow()), delivery);
                cancellations.advance().advance(job.tenantId(), delivery.invocationId());
            }
            case PURGE -> cancellations.purge().handle(job.tenantId(), delivery);
        }
    }

    /** The job an {@code erasure-jobs} message names, as {@code ErasureJobs} wrote it. */
    public ErasureJobs.Job erasureJob(String message) {
        return QueueErasureJobs.parse(message);
    }

    /** The stamp's public signing keys as a JWKS document. */
    public String signingKeys() {
        return signingKeys.get();
    }

    public CheckHealth checkHealth() {
        return checkHealth;
    }

    /** One thread per probe: a round never needs more, and a flood cannot make it take more. */
    private static ExecutorService healthExecutor(int probes) {
        return Executors.newFixedThreadPool(probes, r -> {
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
