package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryContentStore;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A delete that crashes at any step leaves an invisible asset, which the sweep finishes exactly once. */
class InterruptedDeleteTest {
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
    FinishInterruptedDeletes sweep;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
        CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
        InMemoryTenantStore tenants = new InMemoryTenantStore();
        tenants.create(new Tenant(ACME, "Acme", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(ACME)),
                clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(ACME)));
        dataKeys = new InMemoryDataKeyStore(clock);
        TenantKeyring keyring = new TenantKeyring(keks, dataKeys, tenants, clock, Duration.ofMinutes(5), 10);
        events = new ArrayList<>();
        AuditRecorder audit = new AuditRecorder(events::add, clock);
        AccessControl access = Identities.accessControl(Region.WEST_EUROPE, tenants, InMemoryGrantStore.noGrants(clock),
                audit);
        assets = new InMemoryAssetStore();
        content = new InMemoryContentStore();
        upload = new UploadAsset(access, assets, keyring, content, clock);
        delete = new DeleteAsset(access, assets, keyring, content);
        read = new ReadAsset(access, assets);
        sweep = new FinishInterruptedDeletes(assets, keyring, content, audit);
    }

    Asset uploaded() {
        return upload.handle(MANAGER, new UploadAsset.Command(ACME, "notes.txt", null, List.of(),
                new ByteArrayInputStream("hello".getBytes())), "r-up");
    }

    void assertGoneEverywhere(Asset asset) {
        assertTrue(assets.find(ACME, asset.id()).isEmpty(), "document");
        assertTrue(dataKeys.find(ACME, asset.id()).isEmpty(), "key");
        assertNull(content.stored(ACME, asset.id()), "blob");
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

    @Test
    void theSweepLeavesAssetsThatAreNotBeingDeletedAlone() {
        Asset kept = uploaded();
        assertEquals(0, sweep.handle("sweep-1"));
        assertEquals(kept.id(), read.handle(MANAGER, ACME, kept.id(), "r1").asset().id());
    }
}
