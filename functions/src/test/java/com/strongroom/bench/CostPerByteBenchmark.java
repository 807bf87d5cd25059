package com.strongroom.bench;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.asset.CompleteUpload;
import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.asset.StageUploadPart;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.asset.UploadAsset;
import com.strongroom.core.asset.UploadDigests;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.ContentStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.InMemoryUploadStore;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Our own cost per byte (run with {@code scripts/benchmark cost [MiB] [rounds]}): the one-request upload, the staged
 * parts of a resumable upload and ranged downloads, as use cases in this JVM against in-memory ports (no HTTP, no
 * emulator), against the primitives the same bytes need in the same run: SHA-256 once and AES-256-GCM in 64 KiB
 * segments (encrypt for uploads, decrypt for downloads). Prints MiB/s, the ratio, and bytes allocated per MiB by the
 * thread doing the work (the in-memory store's own copy of what it keeps included).
 */
public final class CostPerByteBenchmark {
    static final int MIB = 1024 * 1024;
    static final int SEGMENT = 64 * 1024;
    static final int PART = 8 * MIB;
    static final int RANGE = 16 * MIB;
    static final TenantId TENANT = TenantId.of("bench");
    static final Caller CONTRIBUTOR = Identities.customer(TENANT, "bench-1", Role.ASSET_CONTRIBUTOR);

    private record Measured(double mibPerSecond, double allocatedPerMib) {
    }

    /** Keeps the work's result alive, so the JIT cannot drop the work. */
    static volatile long sink;

    private CostPerByteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long size = (long) mib * MIB;
        byte[] source = new byte[PART];
        new Random(1).nextBytes(source);
        Paths paths = new Paths();

        List<double[]> results = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Measured shaAndEncrypt = measure(size, () -> primitives(source, size, true));
            Measured decrypt = measure(size, () -> primitives(source, size, false));
            AssetId[] uploaded = new AssetId[1];
            Measured upload = measure(size, () -> {
                uploaded[0] = paths.upload(source, size);
                return 0;
            });
            Measured download = measure(size, () -> paths.download(uploaded[0], size));
            paths.content.clear();
            Measured parts = measure(size, () -> paths.stageParts(source, size));
            paths.content.clear();
            if (round > 0) {
                results.add(new double[] {shaAndEncrypt.mibPerSecond(), decrypt.mibPerSecond(), upload.mibPerSecond(),
                        parts.mibPerSecond(), download.mibPerSecond(), upload.allocatedPerMib(),
                        parts.allocatedPerMib(), download.allocatedPerMib()});
            }
        }
        double[] median = new double[results.get(0).length];
        for (int i = 0; i < median.length; i++) {
            int column = i;
            double[] values = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
            median[i] = values[values.length / 2];
        }
        System.out.printf(Locale.ROOT, "%d MiB, median of %d rounds after one warm-up%n", mib, rounds);
        System.out.printf(Locale.ROOT, "primitives: SHA-256 + AES-GCM encrypt %.0f MiB/s, AES-GCM decrypt %.0f MiB/s%n",
                median[0], median[1]);
        System.out.printf(Locale.ROOT, "one-request upload %.0f MiB/s, ratio %.2f, %.0f bytes allocated per MiB%n",
                median[2], median[2] / median[0], median[5]);
        System.out.printf(Locale.ROOT, "staged parts (8 MiB) and completion %.0f MiB/s, ratio %.2f, %.0f bytes per MiB%n",
                median[3], median[3] / median[0], median[6]);
        System.out.printf(Locale.ROOT, "ranged download (16 MiB) %.0f MiB/s, ratio %.2f, %.0f bytes per MiB%n",
                median[4], median[4] / median[1], median[7]);
        System.exit(0);
    }

    private static Measured measure(long size, LongSupplier work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long started = System.nanoTime();
        sink += work.getAsLong();
        double seconds = (System.nanoTime() - started) / 1e9;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        double mib = size / (double) MIB;
        return new Measured(mib / seconds, allocated / mib);
    }

    /**
     * What the bytes need at least: SHA-256 once and GCM over 64 KiB segments, into a reused buffer. Decryption reads
     * 8 MiB of distinct sealed segments over and over, as encryption reads the 8 MiB source, so neither runs from a
     * cache that a real download's bytes would not be in.
     */
    private static long primitives(byte[] source, long size, boolean upload) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] out = new byte[SEGMENT + 16];
            int segments = PART / SEGMENT;
            byte[][] sealed = new byte[segments][];
            for (int i = 0; i < segments; i++) {
                gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce(i)));
                sealed[i] = gcm.doFinal(source, i * SEGMENT, SEGMENT);
            }
            long checksum = 0;
            long done = 0;
            for (int i = 0; done < size; i++, done += SEGMENT) {
                int segment = i % segments;
                if (upload) {
                    sha256.update(source, segment * SEGMENT, SEGMENT);
                    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce(segments + i)));
                    checksum += gcm.doFinal(source, segment * SEGMENT, SEGMENT, out, 0);
                } else {
                    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce(segment)));
                    checksum += gcm.doFinal(sealed[segment], 0, sealed[segment].length, out, 0);
                }
            }
            return checksum + (upload ? sha256.digest()[0] : 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] nonce(long counter) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }

    /** The use cases wired to in-memory ports, as the unit tests wire them. */
    private static final class Paths {
        final BlockContentStore content = new BlockContentStore();
        final UploadAsset upload;
        final StartUpload start;
        final StageUploadPart stage;
        final CompleteUpload complete;
        final DownloadAsset download;

        Paths() {
            Clock clock = Clock.systemUTC();
            CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
            InMemoryTenantStore tenants = new InMemoryTenantStore();
            tenants.create(new Tenant(TENANT, "Bench", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(TENANT)),
                    clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(TENANT)));
            TenantKeyring keyring = new TenantKeyring(keks, new InMemoryDataKeyStore(clock), tenants, clock,
                    Duration.ofMinutes(5), 10);
            AccessControl access = Identities.accessControl(Region.WEST_EUROPE, tenants,
                    InMemoryGrantStore.noGrants(clock), new AuditRecorder(event -> { }, clock));
            InMemoryAssetStore assets = new InMemoryAssetStore();
            InMemoryUploadStore uploads = new InMemoryUploadStore();
            UploadDigests digests = new UploadDigests(Duration.ofSeconds(10));
            upload = new UploadAsset(access, assets, keyring, content, clock);
            start = new StartUpload(access, uploads, keyring, clock);
            stage = new StageUploadPart(access, uploads, keyring, content, digests, clock);
            complete = new CompleteUpload(access, assets, uploads, keyring, content, digests, clock);
            download = new DownloadAsset(access, assets, keyring, content, RANGE);
        }

        AssetId upload(byte[] source, long size) {
            return upload.handle(CONTRIBUTOR, new UploadAsset.Command(TENANT, "film.mov", "video/quicktime", List.of(),
                    new RepeatingStream(source, size)), "r-up").id();
        }

        long stageParts(byte[] source, long size) {
            AssetId id = start.handle(CONTRIBUTOR, new StartUpload.Command(TENANT, "film.mov", "video/quicktime", size,
                    PART, Optional.empty(), List.of(), Map.of()), "r-start").id();
            int parts = (int) ((size + PART - 1) / PART);
            for (int n = 1; n <= parts; n++) {
                byte[] part = (long) n * PART <= size ? source : Arrays.copyOf(source, (int) (size - (long) (n - 1) * PART));
                stage.handle(CONTRIBUTOR, new StageUploadPart.Command(TENANT, id, n, part), "r-part-" + n);
            }
            return complete.handle(CONTRIBUTOR, new CompleteUpload.Command(TENANT, id), "r-complete").size();
        }

        long download(AssetId id, long size) {
            long read = 0;
            InFlightBytes memory = new InFlightBytes(1L << 30, Duration.ZERO);
            for (long first = 0; first < size; first += RANGE) {
                try (InFlightBytes.Lease lease = memory.lease()) {
                    read += download.handle(CONTRIBUTOR, new DownloadAsset.Command(TENANT, id, Optional.of(
                            new DownloadAsset.ByteRange(OptionalLong.of(first), OptionalLong.of(first + RANGE - 1),
                                    OptionalLong.empty()))), lease, "r-get").bytes().length;
                }
            }
            if (read != size) {
                throw new IllegalStateException("read " + read + " of " + size);
            }
            return read;
        }
    }

    /** {@code size} bytes of {@code source} over and over, without making them. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] source;
        private long left;
        private int at;

        RepeatingStream(byte[] source, long size) {
            this.source = source;
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(length, left), source.length - at);
            System.arraycopy(source, at, into, offset, n);
            at = (at + n) % source.length;
            left -= n;
            return n;
        }
    }

    /** Keeps each staged block as given (one copy, as storage would) and reads them back without joining them. */
    private static final class BlockContentStore implements ContentStore {
        private final Map<String, Map<String, byte[]>> staged = new ConcurrentHashMap<>();
        private final Map<String, List<byte[]>> committed = new ConcurrentHashMap<>();

        void clear() {
            staged.clear();
            committed.clear();
        }

        @Override
        public void stage(TenantId tenant, AssetId asset, String blockId, byte[] data, int length) {
            staged.computeIfAbsent(asset.value(), k -> new ConcurrentHashMap<>()).put(blockId, Arrays.copyOf(data, length));
        }

        @Override
        public void commit(TenantId tenant, AssetId asset, List<String> blockIds) {
            Map<String, byte[]> blocks = staged.remove(asset.value());
            committed.put(asset.value(), blockIds.stream().map(blocks::get).toList());
        }

        @Override
        public void put(TenantId tenant, AssetId asset, byte[] data, int length) {
            staged.remove(asset.value());
            committed.put(asset.value(), List.of(Arrays.copyOf(data, length)));
        }

        @Override
        public InputStream read(TenantId tenant, AssetId asset, long offset, OptionalLong count) {
            List<InputStream> parts = new ArrayList<>();
            long position = 0;
            long end = count.isPresent() ? offset + count.getAsLong() : Long.MAX_VALUE;
            for (byte[] block : committed.getOrDefault(asset.value(), List.of())) {
                long from = Math.max(offset, position);
                long to = Math.min(end, position + block.length);
                if (from < to) {
                    parts.add(new java.io.ByteArrayInputStream(block, (int) (from - position), (int) (to - from)));
                }
                position += block.length;
            }
            return new SequenceInputStream(Collections.enumeration(parts));
        }

        @Override
        public void delete(TenantId tenant, AssetId asset) {
            staged.remove(asset.value());
            committed.remove(asset.value());
        }
    }
}
