package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.CrashPoints;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryContentStore;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A delete or a one-request upload that crashes at any step leaves an invisible asset, which the sweep removes
 * exactly once (an upload only once it is older than any upload can run).
 */
class UnfinishedAssetSweepTest {
    static final TenantId ACME = TenantId.of("acme");
    static final Caller MANAGER = Identities.customer(ACME, "manager", Role.ARCHIVE_MANAGER);

    TestClock clock;
    InMemoryAssetStore assets;
    InMemoryContentStore content;
    InMemoryDataKeyStore dataKeys;
    List<AuditEvent> events;
    UploadAsset upload;
    DeleteAsset delete;
    ReadAsset read;
    SweepUnfinishedAssets sweep;
    CrashPoints crashes;
    AccessControl access;
    TenantKeyring keyring;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
        CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
        InMemoryTenantStore tenants = new InMemoryTenantStore();
        tenants.create(new Tenant(ACME, "Acme", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(ACME)),
                clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(ACME)));
        dataKeys = new InMemoryDataKeyStore(clock);
        crashes = new CrashPoints();
        keyring = new TenantKeyring(keks, crashes.around(DataKeyStore.class, dataKeys), tenants, clock,
                Duration.ofMinutes(5), 10);
        events = new ArrayList<>();
        AuditRecorder audit = new AuditRecorder(events::add, clock);
        access = Identities.accessControl(Region.WEST_EUROPE, tenants, InMemoryGrantStore.noGrants(clock),
                audit);
        assets = new InMemoryAssetStore();
        content = new InMemoryContentStore();
        AssetStore assetPort = crashes.around(AssetStore.class, assets);
        ContentStore contentPort = crashes.around(ContentStore.class, content);
        upload = new UploadAsset(access, assetPort, keyring, contentPort, clock);
        delete = new DeleteAsset(access, assetPort, keyring, contentPort);
        read = new ReadAsset(access, assetPort);
        sweep = new SweepUnfinishedAssets(assetPort, keyring, contentPort, audit, clock);
    }

    Asset uploaded() {
        return uploaded("hello".getBytes());
    }

    Asset uploaded(byte[] body) {
        return upload.handle(MANAGER, new UploadAsset.Command(ACME, "notes.txt", null, List.of(),
                new ByteArrayInputStream(body)), "r-up");
    }

    void assertGoneEverywhere(Asset asset) {
        assertGoneEverywhere(asset.id());
    }

    void assertGoneEverywhere(AssetId id) {
        assertTrue(assets.find(ACME, id).isEmpty(), "document");
        assertTrue(dataKeys.find(ACME, id).isEmpty(), "key");
        assertNull(content.stored(ACME, id), "blob");
    }

    long sweptDeletes() {
        return events.stream().filter(e -> e.action().equals("asset.delete") && e.actor().equals("system")).count();
    }

    @Test
    void aCrashBeforeTheKeyIsDestroyedIsFinishedBySweepOnce() {
        Asset asset = uploaded();
        dataKeys.crashOnDelete(true);
        assertThrows(IllegalStateException.class, () -> delete.handle(MANAGER, ACME, asset.id(), "r1"));
        dataKeys.crashOnDelete(false);
        assertThrows(NotFoundException.class, () -> read.handle(MANAGER, ACME, asset.id(), "r2"),
                "invisible once the delete began");
        assertTrue(dataKeys.find(ACME, asset.id()).isPresent(), "the crash left the key");

        assertEquals(1, sweep.handle("sweep-1"));
        assertGoneEverywhere(asset);
        assertEquals(0, sweep.handle("sweep-2"), "a second run finds nothing");
        assertEquals(1, sweptDeletes());
    }

    @Test
    void aCrashAfterTheKeyBeforeTheBlobIsFinishedBySweepOnce() {
        Asset asset = uploaded();
        content.crashOnDelete(true);
        assertThrows(IllegalStateException.class, () -> delete.handle(MANAGER, ACME, asset.id(), "r1"));
        content.crashOnDelete(false);
        assertTrue(dataKeys.find(ACME, asset.id()).isEmpty(), "the key went first: what is left is unreadable");
        assertTrue(content.stored(ACME, asset.id()) != null, "the crash left the blob");

        assertEquals(1, sweep.handle("sweep-1"));
        assertGoneEverywhere(asset);
        assertEquals(1, sweptDeletes());
    }

    /**
     * The steps of a one-request upload, in order: document, key, the key read back (for a rotation), content (one
     * put for a body that fits one block; blocks and their commit for a larger one), document made active.
     */
    @ParameterizedTest
    @ValueSource(strings = {"AssetStore.create", "DataKeyStore.create", "DataKeyStore.find", "ContentStore.put",
            "ContentStore.stage", "ContentStore.commit", "AssetStore.replace"})
    void anUploadThatCrashesAtAnyStepStaysInvisibleAndIsRemovedBySweepOnce(String step) {
        crashes.arm(step);
        boolean blocks = step.equals("ContentStore.stage") || step.equals("ContentStore.commit");
        byte[] body = blocks ? new byte[(ContentWriter.SEGMENTS_PER_BLOCK + 1) * ContentFormat.SEGMENT_BYTES]
                : "hello".getBytes();
        assertThrows(CrashPoints.Crash.class, () -> uploaded(body));
        List<AuditEvent> attempts = events.stream()
                .filter(e -> e.action().equals("asset.upload") && e.outcome() == AuditEvent.Outcome.ATTEMPTED).toList();
        assertEquals(1, attempts.size(), "the attempt was recorded before anything was stored");
        String target = attempts.get(0).target();
        AssetId id = AssetId.of(target.substring(target.lastIndexOf('/') + 1));
        assertTrue(assets.list(ACME, Optional.empty(), 10, Optional.empty()).assets().isEmpty(), "nothing listed");
        assertThrows(NotFoundException.class, () -> read.handle(MANAGER, ACME, id, "r-read"));
        assertThrows(NotFoundException.class, () -> delete.handle(MANAGER, ACME, id, "r-delete"),
                "an upload under way cannot be deleted from under it");

        clock.advance(UploadAsset.LONGEST_RUN.minusMinutes(1));
        assertEquals(0, sweep.handle("sweep-early"), "an upload that may still be running is left alone");
        clock.advance(Duration.ofMinutes(2));
        int stored = step.equals("AssetStore.create") ? 0 : 1;
        assertEquals(stored, sweep.handle("sweep-1"));
        assertEquals(0, sweep.handle("sweep-2"), "a second run finds nothing");
        assertGoneEverywhere(id);
        assertEquals(stored, sweptDeletes());
    }

    @Test
    void anUploadThatFailsOnTheWayRemovesWhatItStored() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the client went away");
            }
        };
        assertThrows(InvalidInputException.class, () -> upload.handle(MANAGER, new UploadAsset.Command(ACME,
                "notes.txt", null, List.of(), failing), "r-up"));
        assertTrue(assets.unfinished(Instant.MAX, 10).isEmpty(), "no document left for the sweep");
        assertEquals(List.of(AuditEvent.Outcome.ATTEMPTED, AuditEvent.Outcome.FAILED), events.stream()
                .filter(e -> e.action().equals("asset.upload")).map(AuditEvent::outcome).toList());
    }

    /**
     * The Cosmos DB stand-in, restarted in the soak test, once answered an upload's final write as if its own document
     * were gone. Nothing but the upload touches that document before it is visible, so that is the store failing (503,
     * retry), not the caller's stale version (412), and the upload leaves nothing behind.
     */
    @Test
    void anUploadWhoseDocumentTheStoreLostIsTheStoresFailureAndLeavesNothing() {
        AssetStore losing = (AssetStore) Proxy.newProxyInstance(AssetStore.class.getClassLoader(),
                new Class<?>[] {AssetStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("replace")) {
                        Asset asset = (Asset) args[0];
                        assets.delete(asset.tenantId(), asset.id());
                    }
                    try {
                        return method.invoke(assets, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        UploadAsset uploadLosing = new UploadAsset(access, losing, keyring, content, clock);
        DependencyUnavailableException failure = assertThrows(DependencyUnavailableException.class,
                () -> uploadLosing.handle(MANAGER, new UploadAsset.Command(ACME, "notes.txt", null, List.of(),
                        new ByteArrayInputStream("hello".getBytes())), "r-up"));
        assertEquals(Dependency.COSMOS, failure.dependency());
        String target = events.stream().filter(e -> e.action().equals("asset.upload")).findFirst().orElseThrow()
                .target();
        assertGoneEverywhere(AssetId.of(target.substring(target.lastIndexOf('/') + 1)));
        assertEquals(List.of(AuditEvent.Outcome.ATTEMPTED, AuditEvent.Outcome.FAILED), events.stream()
                .filter(e -> e.action().equals("asset.upload")).map(AuditEvent::outcome).toList());
    }

    @Test
    void theSweepLeavesAssetsThatAreNotBeingDeletedAlone() {
        Asset kept = uploaded();
        assertEquals(0, sweep.handle("sweep-1"));
        assertEquals(kept.id(), read.handle(MANAGER, ACME, kept.id(), "r1").asset().id());
    }
}
