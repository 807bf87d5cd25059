package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.AuditRetention;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.audit.Checkpointer;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointSigner;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.TenantStore;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryAuditLog;
import com.strongroom.testing.InMemoryCheckpointStore;
import com.strongroom.testing.InMemoryContentStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store calls one small one-request upload makes (issue: small files), counted at every port, warm (the tenant
 * and the TDK cached, the audit lane's head known), and what each is for. docs/benchmarks.md says which could go.
 */
class OneRequestUploadCallsTest {
    private static final TenantId ACME = CountedTenant.ACME;
    private static final Caller CONTRIBUTOR = Identities.customer(ACME, "contributor", Role.ASSET_CONTRIBUTOR);

    @TempDir
    Path keys;

    @Test
    void aWarmSmallUploadMakesTheseStoreCallsAndNoOthers() {
        CountedTenant acme = new CountedTenant();
        AuditLog log = acme.counter.around(AuditLog.class, new InMemoryAuditLog(acme.clock));
        CheckpointSigner signer = JwsCheckpointSigner.local(keys);
        AuditRecorder audit = new AuditRecorder(new ChainedAuditTrail(log, new AuditRetention(Duration.ofDays(14),
                Duration.ofDays(365), Duration.ofDays(365)), new Checkpointer(log, signer,
                new InMemoryCheckpointStore(), acme.clock), 1_000, 1), acme.clock);
        AccessControl access = acme.access(audit);
        UploadAsset upload = new UploadAsset(access, acme.counter.around(AssetStore.class, new InMemoryAssetStore()),
                acme.keyring, acme.counter.around(ContentStore.class, new InMemoryContentStore()), acme.clock);
        upload.handle(CONTRIBUTOR, new UploadAsset.Command(ACME, "warm-up.txt", null, List.of(),
                new ByteArrayInputStream(new byte[1500])), "r0");
        acme.counter.reset();

        upload.handle(CONTRIBUTOR, new UploadAsset.Command(ACME, "small.txt", null, List.of(),
                new ByteArrayInputStream(new byte[1500])), "r1");

        assertEquals(Map.ofEntries(
                // The tenant, read fresh to catch a TDK rotation that overtakes the new DEK (authorisation uses the
                // tenant this instance read less than five seconds before).
                Map.entry("TenantStore.find", 1),
                // Two audit events, the attempt before the change and its outcome, each appended to its lane.
                Map.entry("AuditLog.tryAppend", 2),
                Map.entry("AuditLog.moveHead", 2),
                // The document: created invisible (UPLOADING), made visible once the content is stored.
                Map.entry("AssetStore.create", 1),
                Map.entry("AssetStore.replace", 1),
                // The DEK: stored permanent (a crash leaves the uploading document, and the sweep removes the key
                // with it), and read back to catch a TDK rotation (with the tenant, above).
                Map.entry("DataKeyStore.create", 1),
                Map.entry("DataKeyStore.find", 1),
                // The content: one write, as it fits one block.
                Map.entry("ContentStore.put", 1)), acme.counter.counts());
    }
}
