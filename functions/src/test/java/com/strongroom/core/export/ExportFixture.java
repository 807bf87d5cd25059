package com.strongroom.core.export;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.asset.UploadAsset;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.AuditRetention;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.audit.Checkpointer;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.ExportJobs;
import com.strongroom.core.port.ExportStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.CrashPoints;
import com.strongroom.testing.ExportPackages;
import com.strongroom.testing.ForwardingContentStore;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryAuditLog;
import com.strongroom.testing.InMemoryCheckpointStore;
import com.strongroom.testing.InMemoryContentStore;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryExportJobs;
import com.strongroom.testing.InMemoryExportStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The export use cases wired to in-memory ports, each the job touches wrapped in {@link CrashPoints}, a real chained
 * audit trail with signed checkpoints, and a real JWS signer (a local key), so a package can be checked as its
 * recipient would check it.
 */
final class ExportFixture {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId OTHER = TenantId.of("other");
    static final Caller ADMIN = Identities.customer(ACME, "admin", Role.TENANT_ADMIN);
    static final Caller MANAGER = Identities.customer(ACME, "manager", Role.ARCHIVE_MANAGER);
    static final Caller OTHER_ADMIN = Identities.customer(OTHER, "admin", Role.TENANT_ADMIN);

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
    final CrashPoints crashes = new CrashPoints();
    final InMemoryTenantStore tenants = new InMemoryTenantStore();
    final InMemoryAssetStore assets = new InMemoryAssetStore();
    final InMemoryContentStore assetContent = new InMemoryContentStore();
    final InMemoryContentStore exportContent = new InMemoryContentStore();
    final InMemoryDataKeyStore dataKeys = new InMemoryDataKeyStore(clock);
    final InMemoryExportStore exportStore = new InMemoryExportStore();
    final InMemoryExportJobs jobs = new InMemoryExportJobs();
    final InMemoryAuditLog auditLog = new InMemoryAuditLog(clock);
    final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    final AtomicInteger stagedBlocks = new AtomicInteger();
    final JwsCheckpointSigner signer;
    final TenantKeyring keyring;
    final AuditRecorder audit;
    final AccessControl access;
    final UploadAsset upload;
    final Exports exports;
    final BuildExport build;
    final ExpireExports expire;

    ExportFixture(Path keysDir, long maxResponseBytes) {
        CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
        for (TenantId id : List.of(ACME, OTHER)) {
            tenants.create(new Tenant(id, id.value(), Region.WEST_EUROPE, Optional.of(Identities.directoryOf(id)),
                    clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(id)));
        }
        signer = JwsCheckpointSigner.local(keysDir);
        keyring = new TenantKeyring(keks, crashes.around(DataKeyStore.class, dataKeys), tenants, clock,
                Duration.ofMinutes(5), 10);
        Checkpointer checkpointer = new Checkpointer(auditLog, signer, checkpoints, clock);
        audit = new AuditRecorder(new ChainedAuditTrail(auditLog, new AuditRetention(Duration.ofDays(14),
                Duration.ofDays(365), Duration.ofDays(365)), checkpointer, 5, 2), clock);
        access = Identities.accessControl(Region.WEST_EUROPE, tenants,
                InMemoryGrantStore.noGrants(clock), audit);
        ExportStore exportPort = crashes.around(ExportStore.class, exportStore);
        ContentStore stagingCounted = new ForwardingContentStore(exportContent) {
            @Override
            public void stage(TenantId tenant, com.strongroom.core.model.AssetId asset, String blockId, byte[] data,
                              int length) {
                super.stage(tenant, asset, blockId, data, length);
                stagedBlocks.incrementAndGet();
            }
        };
        upload = new UploadAsset(access, assets, keyring, assetContent, clock);
        exports = new Exports(access, exportPort, crashes.around(ExportJobs.class, jobs), keyring,
                exportContent, maxResponseBytes, clock);
        build = new BuildExport(exportPort, tenants, crashes.around(AssetStore.class, assets), keyring,
                crashes.around(ContentStore.class, assetContent), crashes.around(ContentStore.class, stagingCounted),
                crashes.around(AuditLog.class, auditLog), crashes.around(CheckpointStore.class, checkpoints),
                signer.tagManifests(), audit, clock);
        expire = new ExpireExports(exportPort, dataKeys, exportContent, audit, clock);
    }

    Asset asset(String name, byte[] content, String... subjects) {
        return upload.handle(MANAGER, new UploadAsset.Command(ACME, name, null, List.of(subjects),
                new ByteArrayInputStream(content)), "r-up");
    }

    Asset held(Asset asset, String reason) {
        return assets.replace(asset.withChanges(asset.name(), asset.subjectIndex(), asset.metadata(),
                Optional.of(new Asset.LegalHold(reason, "counsel", clock.instant())), clock.instant()));
    }

    /** Delivers the job until it returns normally, counting deliveries as the host does; crashes are redelivered. */
    void runToEnd(BuildExport.Job job) {
        for (int delivery = 1; ; delivery++) {
            try {
                build.handle(job, new QueueDelivery(delivery, 1_000, "job-" + delivery));
                return;
            } catch (CrashPoints.Crash | RuntimeException e) {
                if (delivery > 50) {
                    throw new AssertionError("the job never finished", e);
                }
            }
        }
    }

    Export export(Export requested) {
        return exportStore.find(requested.tenantId(), requested.id()).orElseThrow();
    }

    /** The stored package, decrypted with the export's key, as the content route would serve it. */
    byte[] packageOf(Export export) throws IOException {
        Tenant tenant = tenants.find(export.tenantId()).orElseThrow();
        byte[] key = keyring.dataKey(tenant, export.id().contentId());
        byte[] stored = exportContent.stored(export.tenantId(), export.id().contentId());
        long length = export.content().orElseThrow().length();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ContentFormat.decrypt(key, export.id().value(), length, 0, length, new ByteArrayInputStream(stored), plain);
        return plain.toByteArray();
    }

    ExportPackages.Bag checkedBag(Export export, Path scratch) throws IOException {
        return ExportPackages.check(packageOf(export), signer.publicKeySet(), scratch);
    }
}
