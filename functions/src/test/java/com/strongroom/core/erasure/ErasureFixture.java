package com.strongroom.core.erasure;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.asset.UpdateAsset;
import com.strongroom.core.asset.UploadAsset;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.core.port.ErasureLedger;
import com.strongroom.core.port.ErasureStore;
import com.strongroom.core.port.ReceiptStore;
import com.strongroom.core.port.UploadStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.CrashPoints;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryContentStore;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryErasureJobs;
import com.strongroom.testing.InMemoryErasureLedger;
import com.strongroom.testing.InMemoryErasureStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryReceiptStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.InMemoryUploadStore;
import com.strongroom.testing.SignedByStamp;
import com.strongroom.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every erasure use case wired to in-memory ports, each port wrapped in {@link CrashPoints} so a test can kill the
 * job before any call, and a real JWS signer (a local key) so receipts verify as a customer would verify them.
 */
final class ErasureFixture {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId OTHER = TenantId.of("other");
    static final Caller MANAGER = Identities.customer(ACME, "manager-1", Role.ARCHIVE_MANAGER);
    static final Caller SECOND_MANAGER = Identities.customer(ACME, "manager-2", Role.ARCHIVE_MANAGER);
    static final Caller ADMIN = Identities.customer(ACME, "admin", Role.TENANT_ADMIN);
    static final Caller OTHER_MANAGER = Identities.customer(OTHER, "manager-9", Role.ARCHIVE_MANAGER);
    static final String JANE = "jane.doe@example.com";
    static final ErasureReceipts.BackupRetention RETENTION = new ErasureReceipts.BackupRetention(Duration.ofHours(48),
            Duration.ofDays(30));

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
    final CrashPoints crashes = new CrashPoints();
    final InMemoryAssetStore assets = new InMemoryAssetStore();
    final InMemoryContentStore content = new InMemoryContentStore();
    final InMemoryDataKeyStore dataKeys = new InMemoryDataKeyStore(clock);
    final InMemoryUploadStore uploads = new InMemoryUploadStore();
    final InMemoryErasureStore erasures = new InMemoryErasureStore();
    final InMemoryErasureLedger ledger = new InMemoryErasureLedger();
    final InMemoryErasureJobs jobs = new InMemoryErasureJobs();
    final InMemoryReceiptStore receiptStore = new InMemoryReceiptStore();
    final List<AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    final JwsCheckpointSigner signer;
    final TenantKeyring keyring;
    final UploadAsset upload;
    final StartUpload startUpload;
    final RequestErasure request;
    final ErasureRequests requests;
    final RunErasure run;
    final ReplayErasureLedger replay;
    final MarkErasuresIrrecoverable markIrrecoverable;
    final UpdateAsset update;
    final RequeueStalledErasures requeueStalled;

    ErasureFixture(Path keysDir) {
        CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
        InMemoryTenantStore tenants = new InMemoryTenantStore();
        for (TenantId id : List.of(ACME, OTHER)) {
            tenants.create(new Tenant(id, id.value(), Region.WEST_EUROPE, Optional.of(Identities.directoryOf(id)),
                    clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(id)));
        }
        keyring = new TenantKeyring(keks, crashes.around(DataKeyStore.class, dataKeys), tenants, clock,
                Duration.ofMinutes(5), 10);
        AuditRecorder audit = new AuditRecorder(events::add, clock);
        AccessControl access = Identities.accessControl(Region.WEST_EUROPE, tenants,
                InMemoryGrantStore.noGrants(clock), audit);
        AssetStore assetPort = crashes.around(AssetStore.class, assets);
        ContentStore contentPort = crashes.around(ContentStore.class, content);
        UploadStore uploadPort = crashes.around(UploadStore.class, uploads);
        ErasureStore erasurePort = crashes.around(ErasureStore.class, erasures);
        ErasureJobs jobPort = crashes.around(ErasureJobs.class, jobs);
        ReceiptStore receiptPort = crashes.around(ReceiptStore.class, receiptStore);
        signer = JwsCheckpointSigner.local(keysDir);
        ErasureReceipts receipts = new ErasureReceipts(signer.receipts(), receiptPort, RETENTION);
        upload = new UploadAsset(access, assets, keyring, content, clock);
        startUpload = new StartUpload(access, uploads, keyring, clock);
        request = new RequestErasure(access, assetPort, erasurePort, keyring, clock);
        requests = new ErasureRequests(access, erasurePort, jobPort, receiptPort, clock);
        run = new RunErasure(erasurePort, assetPort, uploadPort, keyring, contentPort,
                crashes.around(ErasureLedger.class, ledger), jobPort, receipts, audit, clock);
        replay = new ReplayErasureLedger(access, ledger, assetPort, keyring, contentPort, audit);
        markIrrecoverable = new MarkErasuresIrrecoverable(erasurePort, receipts, audit, clock);
        requeueStalled = new RequeueStalledErasures(erasurePort, jobPort, audit, clock);
        update = new UpdateAsset(access, assets, keyring, new EraseReleasedAssets(erasurePort, jobPort, audit), clock);
    }

    Asset asset(String name, String... subjects) {
        return upload.handle(MANAGER, new UploadAsset.Command(ACME, name, null, List.of(subjects),
                new ByteArrayInputStream(("content of " + name).getBytes(StandardCharsets.UTF_8))), "r-up");
    }

    Asset held(String name, String reason, String... subjects) {
        Asset asset = asset(name, subjects);
        return assets.replace(asset.withChanges(asset.name(), asset.subjectIndex(), asset.metadata(),
                Optional.of(new Asset.LegalHold(reason, "counsel", clock.instant())), clock.instant()));
    }

    Asset released(Asset held) {
        return update.handle(MANAGER, new UpdateAsset.Command(ACME, held.id(), Optional.empty(), Optional.empty(),
                Optional.empty(), UpdateAsset.Hold.RELEASE, Optional.empty(), Optional.empty()), "r-release");
    }

    UploadSession session(String name, String... subjects) {
        return startUpload.handle(MANAGER, new StartUpload.Command(ACME, name, null, 10, 0, Optional.empty(),
                List.of(subjects), Map.of()), "r-session");
    }

    ErasureRequest requested(String... subjects) {
        return request.handle(MANAGER, new RequestErasure.Command(ACME, List.of(subjects), "Art. 17 request",
                clock.instant().minus(Duration.ofDays(2)), Optional.of("DSR-1")), "r-request").request();
    }

    ErasureRequest approved(String... subjects) {
        return requests.approve(SECOND_MANAGER, ACME, requested(subjects).id(), "r-approve");
    }

    /** Runs queued messages until none is left; returns how many ran. */
    int drain() {
        int ran = 0;
        for (Optional<ErasureJobs.Job> job = jobs.next(); job.isPresent(); job = jobs.next()) {
            run.handle(job.get(), new QueueDelivery(1, 5, "job-" + ran));
            ran++;
        }
        return ran;
    }

    ErasureRequest stored(ErasureRequest request) {
        return erasures.find(request.tenantId(), request.id()).orElseThrow();
    }

    /** The payload of the request's stored receipt, after checking its signature against the public key set. */
    Map<String, Object> verifiedReceipt(ErasureRequest request) {
        String jws = receiptStore.find(request.tenantId(), request.id()).orElseThrow();
        return SignedByStamp.verified(jws, signer.publicKeySet(), "the receipt").getPayload().toJSONObject();
    }

    static List<String> names(List<Asset> assets) {
        List<String> names = new ArrayList<>();
        assets.forEach(a -> names.add(a.name()));
        return names;
    }
}
