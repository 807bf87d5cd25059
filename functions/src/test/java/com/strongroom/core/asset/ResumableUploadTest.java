package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.port.ContentStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.ForwardingContentStore;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryContentStore;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.InMemoryUploadStore;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completing a resumable upload in the core: its SHA-256 comes from parts hashed in order as they were staged, and
 * only what that does not cover is read back (counted here at the content store), with every check still made.
 */
class ResumableUploadTest {
    static final TenantId ACME = TenantId.of("acme");
    static final int PART = 2 * ContentFormat.SEGMENT_BYTES;
    static final Caller UPLOADER = Identities.customer(ACME, "uploader-1", Role.ASSET_CONTRIBUTOR);

    /** The in-memory content store, counting the stored bytes read back; can tamper right after a commit. */
    static final class CountingContentStore extends ForwardingContentStore {
        final InMemoryContentStore store;
        final AtomicLong bytesRead = new AtomicLong();
        Runnable afterCommit = () -> { };

        CountingContentStore() {
            this(new InMemoryContentStore());
        }

        private CountingContentStore(InMemoryContentStore store) {
            super(store);
            this.store = store;
        }

        @Override
        public void commit(TenantId tenant, AssetId asset, List<String> blockIds) {
            super.commit(tenant, asset, blockIds);
            afterCommit.run();
        }

        @Override
        public InputStream read(TenantId tenant, AssetId asset, long offset, OptionalLong count) {
            return new FilterInputStream(super.read(tenant, asset, offset, count)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    bytesRead.addAndGet(Math.max(0, n));
                    return n;
                }
            };
        }
    }

    TestClock clock;
    CountingContentStore content;
    InMemoryAssetStore assets;
    InMemoryUploadStore uploads;
    List<AuditEvent> events;
    StartUpload start;
    StageUploadPart stage;
    CompleteUpload complete;
    DownloadAsset download;
    byte[] file;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
        CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
        InMemoryTenantStore tenants = new InMemoryTenantStore();
        tenants.create(new Tenant(ACME, "Acme", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(ACME)),
                clock.instant(), "platform", TenantStatus.ACTIVE,
                keks.newTenantKeys(ACME)));
        TenantKeyring keyring = new TenantKeyring(keks, new InMemoryDataKeyStore(clock), tenants, clock,
                Duration.ofMinutes(5), 10);
        events = new ArrayList<>();
        AuditRecorder audit = new AuditRecorder(events::add, clock);
        AccessControl access = Identities.accessControl(Region.WEST_EUROPE, tenants, InMemoryGrantStore.noGrants(clock),
                audit);
        content = new CountingContentStore();
        assets = new InMemoryAssetStore();
        uploads = new InMemoryUploadStore();
        UploadDigests digests = new UploadDigests(Duration.ofSeconds(10));
        start = new StartUpload(access, uploads, keyring, clock);
        stage = new StageUploadPart(access, uploads, keyring, content, digests, clock);
        complete = new CompleteUpload(access, assets, uploads, keyring, content, digests, clock);
        download = new DownloadAsset(access, assets, keyring, content, 64L * 1024 * 1024);
        file = new byte[3 * PART + 1000];
        new Random(7).nextBytes(file);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    AssetId startUpload(Optional<String> sha256) {
        return start.handle(UPLOADER, new StartUpload.Command(ACME, "film.mov", "video/quicktime", file.length, PART,
                sha256, List.of(), Map.of()), "r-start").id();
    }

    UploadPart put(AssetId upload, int number, byte[] bytes) {
        return stage.handle(UPLOADER, new StageUploadPart.Command(ACME, upload, number, bytes), "r-part-" + number);
    }

    byte[] part(int number) {
        return Arrays.copyOfRange(file, (number - 1) * PART, Math.min(file.length, number * PART));
    }

    byte[] downloaded(AssetId id) {
        try (InFlightBytes.Lease lease = new InFlightBytes(1 << 30, Duration.ZERO).lease()) {
            return download.handle(UPLOADER, new DownloadAsset.Command(ACME, id, Optional.empty()), lease, "r-get")
                    .bytes();
        }
    }

    long storedBytesFrom(int part) {
        return ContentFormat.storedLength(file.length) - ContentFormat.storedOffset((long) (part - 1) * PART
                / ContentFormat.SEGMENT_BYTES);
    }

    @Test
    void partsInOrderCompleteWithoutReadingTheContentBack() throws Exception {
        AssetId id = startUpload(Optional.of(sha256(file)));
        for (int n = 1; n <= 4; n++) {
            put(id, n, part(n));
        }
        Asset asset = complete.handle(UPLOADER, new CompleteUpload.Command(ACME, id), "r-complete");
        assertEquals(0, content.bytesRead.get());
        assertEquals(sha256(file), asset.sha256());
        assertArrayEquals(file, downloaded(id));
    }

    @Test
    void whatTheRunningDigestDoesNotCoverIsReadBackFromTheFirstPartItMissed() throws Exception {
        AssetId id = startUpload(Optional.of(sha256(file)));
        put(id, 1, part(1));
        put(id, 3, part(3));
        put(id, 4, part(4));
        put(id, 2, part(2));
        Asset asset = complete.handle(UPLOADER, new CompleteUpload.Command(ACME, id), "r-complete");
        assertEquals(storedBytesFrom(3), content.bytesRead.get(), "parts 1 and 2 were hashed in order");
        assertEquals(sha256(file), asset.sha256());
    }

    @Test
    void aPartReplacedWithOtherBytesAfterItWasHashedCountsWithItsNewBytes() throws Exception {
        AssetId id = startUpload(Optional.empty());
        for (int n = 1; n <= 4; n++) {
            put(id, n, part(n));
        }
        byte[] changed = part(2);
        changed[0] ^= 1;
        put(id, 2, changed);
        Asset asset = complete.handle(UPLOADER, new CompleteUpload.Command(ACME, id), "r-complete");
        System.arraycopy(changed, 0, file, PART, changed.length);
        assertEquals(sha256(file), asset.sha256(), "the recorded SHA-256 is that of the content as committed");
        assertEquals(storedBytesFrom(3), content.bytesRead.get(),
                "part 2's new bytes were hashed again; parts 3 and 4, hashed on top of its old bytes, are read back");
        assertArrayEquals(file, downloaded(id));
    }

    @Test
    void aMismatchFoundWithoutReadingBackStillDiscardsTheUpload() throws Exception {
        AssetId id = startUpload(Optional.of("0".repeat(64)));
        for (int n = 1; n <= 4; n++) {
            put(id, n, part(n));
        }
        assertThrows(ConflictException.class,
                () -> complete.handle(UPLOADER, new CompleteUpload.Command(ACME, id), "r-complete"));
        assertEquals(0, content.bytesRead.get());
        assertTrue(assets.find(ACME, id).isEmpty());
        assertTrue(uploads.find(ACME, id).isEmpty());
        assertEquals(null, content.store.stored(ACME, id));
    }

    @Test
    void tamperedContentInThePartReadBackIsCaughtAsASecurityEvent() throws Exception {
        AssetId id = startUpload(Optional.empty());
        put(id, 1, part(1));
        put(id, 4, part(4));
        put(id, 3, part(3));
        put(id, 2, part(2));
        // Parts 3 and 4 are read back: flip a bit of part 3 as it lies in storage once committed.
        content.afterCommit = () -> {
            byte[] stored = content.store.stored(ACME, id);
            stored[(int) (stored.length - storedBytesFrom(3)) + 40] ^= 1;
            content.store.overwrite(ACME, id, stored);
        };
        assertThrows(IntegrityException.class,
                () -> complete.handle(UPLOADER, new CompleteUpload.Command(ACME, id), "r-complete"));
        assertTrue(assets.find(ACME, id).isEmpty());
        assertTrue(events.stream().anyMatch(e -> e.action().equals("asset.content.tampered")));
    }
}
