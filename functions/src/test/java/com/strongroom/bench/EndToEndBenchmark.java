package com.strongroom.bench;

import com.azure.core.cryptography.AsyncKeyEncryptionKey;
import com.azure.core.util.Context;
import com.azure.security.keyvault.keys.cryptography.KeyEncryptionKeyClientBuilder;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.cryptography.EncryptedBlobClientBuilder;
import com.azure.storage.blob.specialized.cryptography.EncryptionVersion;
import com.strongroom.it.ApiClient;
import com.strongroom.it.TestStack;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.spec.SecretKeySpec;

/**
 * End to end through the local host against Azurite (run with {@code scripts/benchmark e2e|memory}).
 * <ul>
 * <li>{@code e2e [MiB] [rounds]}: a resumable upload and a full ranged download of the same bytes through
 * Strongroom, against a plain {@code BlobClient} and the SDK's {@code EncryptedBlobClient} (v2) doing the same,
 * each with four transfers in flight, after one uncounted warm-up round of each; prints medians and ratios.</li>
 * <li>{@code memory [MiB]}: the same upload and ranged download of a file never held whole in memory; run in a
 * JVM at {@code -Xmx256m} with the app in-process, prints the peak heap.</li>
 * </ul>
 */
public final class EndToEndBenchmark {
    static final int MIB = 1024 * 1024;
    static final int PART = 8 * MIB;
    /** The largest response a stamp serves (MAX_RESPONSE_BYTES): what a player asking for more gets back. */
    static final int RANGE = 16 * MIB;
    static final int IN_FLIGHT = 4;

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "e2e";
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : mode.equals("memory") ? 1024 : 256;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        TestStack stack = TestStack.startOwn(Map.of(), List.of(FixedBytesFunction.class));
        try {
            if (mode.equals("memory")) {
                memory(stack, (long) mib * MIB);
            } else {
                endToEnd(stack, mib, rounds);
            }
        } finally {
            stack.close();
        }
        System.exit(0);
    }

    private static void endToEnd(TestStack stack, int mib, int rounds) throws Exception {
        byte[] payload = new byte[mib * MIB];
        new Random(1).nextBytes(payload);
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(stack.values().get("STORAGE"))
                .buildClient().getBlobContainerClient("bench");
        container.createIfNotExists();
        AsyncKeyEncryptionKey kek = new KeyEncryptionKeyClientBuilder().buildAsyncKeyEncryptionKey(
                JsonWebKey.fromAes(new SecretKeySpec(new byte[32], "AES"), List.of(KeyOperation.WRAP_KEY,
                        KeyOperation.UNWRAP_KEY)).setId("bench-kek")).block();
        ApiClient api = stack.api();
        String tenant = api.createTenant("bench-" + UUID.randomUUID().toString().substring(0, 6));
        String token = api.token("bench", Optional.of(tenant), "Asset.Contributor");
        Phases plain = new Phases(rounds);
        Phases plainRanges = new Phases(rounds);
        Phases hostAlone = new Phases(rounds);
        Phases sdk = new Phases(rounds);
        Phases ours = new Phases(rounds);
        Source source = new InMemorySource(payload);
        // Round 0 of each warms up the JIT compiler and the connection pools and is not counted.
        for (int r = -1; r < rounds; r++) {
            blobRoundTrip(container.getBlobClient("plain-" + UUID.randomUUID()), payload, plain.round(r),
                    Optional.of(plainRanges.round(r)));
            blobRoundTrip(new EncryptedBlobClientBuilder(EncryptionVersion.V2).key(kek, "A256KW")
                    .blobClient(container.getBlobClient("cse-" + UUID.randomUUID())).buildEncryptedBlobClient(),
                    payload, sdk.round(r));
            strongroomRoundTrip(api, tenant, token, source, IN_FLIGHT, ours.round(r));
            hostAlone.round(r).download(timed(() -> hostAlone(api.outsideContract(), payload.length)));
        }
        double plainMiBs = mib / median(plain.total());
        double sdkMiBs = mib / median(sdk.total());
        double oursMiBs = mib / median(ours.total());
        System.out.printf("end to end, %d MiB uploaded and downloaded per round, %d rounds (medians, MiB/s: round "
                + "trip, upload, download)%n", mib, rounds);
        System.out.printf("  plain BlobClient        %8.1f %8.1f %8.1f%n", plainMiBs, mib / median(plain.upload),
                mib / median(plain.download));
        System.out.printf("  EncryptedBlobClient v2  %8.1f %8.1f %8.1f%n", sdkMiBs, mib / median(sdk.upload),
                mib / median(sdk.download));
        System.out.printf("  Strongroom              %8.1f %8.1f %8.1f%n", oursMiBs, mib / median(ours.upload),
                mib / median(ours.download));
        System.out.printf("  plain BlobClient, the same 16 MiB ranges, %d in flight: download %.1f%n", IN_FLIGHT,
                mib / median(plainRanges.download));
        double host = mib / median(hostAlone.download);
        double ranged = mib / median(plainRanges.download);
        System.out.printf("  the local host and client alone, 16 MiB answers from memory, %d in flight: %.1f; with the "
                + "same ranges read from storage in turn (no keys, no decryption): %.1f%n", IN_FLIGHT, host,
                1 / (1 / host + 1 / ranged));
        System.out.printf("  ratio Strongroom / plain BlobClient: %.2f (goal >= 0.8); download %.2f, to the same "
                + "ranges %.2f (goal >= 0.8)%n", oursMiBs / plainMiBs, median(plain.download) / median(ours.download),
                median(plainRanges.download) / median(ours.download));
        System.out.printf("  ratio Strongroom / EncryptedBlobClient: %.2f (goal > 1)%n", oursMiBs / sdkMiBs);
    }

    private static void memory(TestStack stack, long size) throws Exception {
        ApiClient api = stack.api();
        String tenant = api.createTenant("mem-" + UUID.randomUUID().toString().substring(0, 6));
        String token = api.token("bench", Optional.of(tenant), "Asset.Contributor");
        // One 16 MiB range at a time, as a player reads: the client's copy shares this heap with the app's.
        HeapSampler sampler = new HeapSampler();
        Phases phases = new Phases(1);
        try {
            strongroomRoundTrip(api, tenant, token, new GeneratedSource(size), 1, phases.round(0));
        } finally {
            sampler.stop();
        }
        double seconds = phases.total()[0];
        long peak = sampler.peak();
        System.out.printf("memory, %d MiB resumable upload and ranged download, max heap %d MiB: no "
                + "OutOfMemoryError, peak heap %d MiB (app, host and client in one JVM), %.1f s%n", size / MIB,
                Runtime.getRuntime().maxMemory() / MIB, peak / MIB, seconds);
    }

    /** The largest heap in use seen while it runs, sampled every few milliseconds (garbage included). */
    static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(2_000_000);
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }

    /** What is uploaded, in parts, and how the bytes that come back are checked. */
    interface Source {
        long size();

        /** Part n, counting from 1. */
        byte[] part(int n);

        /** The plaintext SHA-256 the upload session is told, so the app checks it on commit; null if unknown. */
        String sha256();

        /** Checks the bytes downloaded from {@code from}; ranges come in order. */
        void check(long from, byte[] range);

        /** After the last range: throws if anything differed. */
        void finish();
    }

    /**
     * A payload held in memory, cut into parts before the clock starts; the app is given its SHA-256 and downloads
     * are compared byte for byte, so the client does no hashing while it is timed (the baselines do none either).
     */
    static final class InMemorySource implements Source {
        private final byte[] payload;
        private final List<byte[]> parts = new ArrayList<>();
        private final String sha256;

        InMemorySource(byte[] payload) throws Exception {
            this.payload = payload;
            for (int from = 0; from < payload.length; from += PART) {
                parts.add(Arrays.copyOfRange(payload, from, Math.min(payload.length, from + PART)));
            }
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        }

        @Override
        public long size() {
            return payload.length;
        }

        @Override
        public byte[] part(int n) {
            return parts.get(n - 1);
        }

        @Override
        public String sha256() {
            return sha256;
        }

        @Override
        public void check(long from, byte[] range) {
            if (!Arrays.equals(payload, (int) from, (int) from + range.length, range, 0, range.length)) {
                throw new IllegalStateException("downloaded bytes at " + from + " differ from the uploaded ones");
            }
        }

        @Override
        public void finish() {
        }
    }

    /** A file generated part by part and never held whole: checked by SHA-256 of what went up and came down. */
    static final class GeneratedSource implements Source {
        private final long size;
        private final MessageDigest sent;
        private final MessageDigest received;

        GeneratedSource(long size) throws Exception {
            this.size = size;
            sent = MessageDigest.getInstance("SHA-256");
            received = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] part(int n) {
            byte[] bytes = new byte[(int) Math.min(PART, size - (long) (n - 1) * PART)];
            new Random(n).nextBytes(bytes);
            sent.update(bytes);
            return bytes;
        }

        @Override
        public String sha256() {
            return null;
        }

        @Override
        public void check(long from, byte[] range) {
            received.update(range);
        }

        @Override
        public void finish() {
            if (!Arrays.equals(sent.digest(), received.digest())) {
                throw new IllegalStateException("downloaded bytes differ from the uploaded ones");
            }
        }
    }

    interface Run {
        void run() throws Exception;
    }

    /** Seconds per round spent uploading (with its commit) and downloading. */
    record Phases(double[] upload, double[] download) {
        Phases(int rounds) {
            this(new double[rounds], new double[rounds]);
        }

        double[] total() {
            double[] sums = new double[upload.length];
            for (int r = 0; r < sums.length; r++) {
                sums[r] = upload[r] + download[r];
            }
            return sums;
        }

        /** Where round {@code r} writes its times; a warm-up round (r < 0) writes nowhere. */
        Round round(int r) {
            return new Round(this, r);
        }
    }

    record Round(Phases phases, int index) {
        void upload(double seconds) {
            if (index >= 0) {
                phases.upload[index] = seconds;
            }
        }

        void download(double seconds) {
            if (index >= 0) {
                phases.download[index] = seconds;
            }
        }
    }

    /** Uploads and downloads through the SDK; an {@code EncryptedBlobClient} is a BlobClient that encrypts. */
    private static void blobRoundTrip(BlobClient blob, byte[] payload, Round round) throws Exception {
        blobRoundTrip(blob, payload, round, Optional.empty());
    }

    /** With {@code ranges}, the blob is also read as the app's client reads it, and that read is timed there. */
    private static void blobRoundTrip(BlobClient blob, byte[] payload, Round round, Optional<Round> ranges)
            throws Exception {
        round.upload(timed(() -> blob.uploadWithResponse(new BlobParallelUploadOptions(
                new ByteArrayInputStream(payload), payload.length).setParallelTransferOptions(transfer()), null, null)));
        round.download(timed(() -> blob.downloadStream(OutputStream.nullOutputStream())));
        if (ranges.isPresent()) {
            ranges.get().download(timed(() -> rangedDownload(blob, payload.length)));
        }
        blob.delete();
    }

    /** As many 16 MiB answers as the payload has ranges, from memory through the local host, four in flight. */
    private static void hostAlone(ApiClient api, long size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> answers = new ArrayList<>();
            for (long start = 0; start < size; start += FixedBytesFunction.BYTES) {
                answers.add(pool.submit(() -> check(api.exchange("GET", "/api/bench/bytes", null, Map.of(), null),
                        200)));
            }
            for (Future<?> f : answers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The app's client's read of a blob: 16 MiB ranges, four in flight, each into an array of its own. */
    private static void rangedDownload(BlobClient blob, long size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<byte[]>> ranges = new ArrayList<>();
            for (long start = 0; start < size; start += RANGE) {
                long from = start;
                long length = Math.min(RANGE, size - from);
                ranges.add(pool.submit(() -> {
                    ByteArrayOutputStream range = new ByteArrayOutputStream((int) length);
                    blob.downloadStreamWithResponse(range, new BlobRange(from, length), null, null, false, null,
                            Context.NONE);
                    return range.toByteArray();
                }));
                if (ranges.size() >= IN_FLIGHT) {
                    ranges.remove(0).get();
                }
            }
            for (Future<byte[]> f : ranges) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ParallelTransferOptions transfer() {
        return new ParallelTransferOptions().setBlockSizeLong((long) PART).setMaxConcurrency(IN_FLIGHT)
                .setMaxSingleUploadSizeLong((long) PART);
    }

    /** Resumable upload in 8 MiB parts (four in flight) and download in 16 MiB ranges; checks what comes back. */
    private static void strongroomRoundTrip(ApiClient api, String tenant, String token, Source source,
                                            int rangesInFlight, Round round) throws Exception {
        long size = source.size();
        int count = (int) ((size + PART - 1) / PART);
        long uploadStart = System.nanoTime();
        ApiClient.Response session = api.postJson("/api/tenants/" + tenant + "/uploads", token,
                "{\"name\":\"bench.bin\",\"size\":" + size + ",\"partSize\":" + PART
                        + (source.sha256() == null ? "" : ",\"sha256\":\"" + source.sha256() + "\"") + "}");
        check(session, 201);
        String id = session.json().get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                byte[] body = source.part(n);
                int number = n;
                uploads.add(pool.submit(() -> check(api.exchange("PUT", "/api/tenants/" + tenant + "/uploads/" + id
                        + "/parts/" + number, token, Map.of("Content-Type", "application/octet-stream"), body), 200)));
                if (uploads.size() >= IN_FLIGHT) {
                    uploads.remove(0).get();
                }
            }
            for (Future<?> f : uploads) {
                f.get();
            }
            check(api.send("POST", "/api/tenants/" + tenant + "/uploads/" + id + "/complete", token, null, null), 201);
            round.upload((System.nanoTime() - uploadStart) / 1e9);

            long downloadStart = System.nanoTime();
            List<Future<byte[]>> ranges = new ArrayList<>();
            long checkedUpTo = 0;
            for (long start = 0; start < size; start += RANGE) {
                long from = start;
                long to = Math.min(size, from + RANGE) - 1;
                ranges.add(pool.submit(() -> {
                    ApiClient.Response r = api.exchange("GET", "/api/tenants/" + tenant + "/assets/" + id + "/content",
                            token, Map.of("Range", "bytes=" + from + "-" + to), null);
                    check(r, 206);
                    return r.bytes();
                }));
                if (ranges.size() >= rangesInFlight) {
                    byte[] range = ranges.remove(0).get();
                    source.check(checkedUpTo, range);
                    checkedUpTo += range.length;
                }
            }
            for (Future<byte[]> f : ranges) {
                byte[] range = f.get();
                source.check(checkedUpTo, range);
                checkedUpTo += range.length;
            }
            round.download((System.nanoTime() - downloadStart) / 1e9);
            source.finish();
        } finally {
            pool.shutdownNow();
        }
        check(api.send("DELETE", "/api/tenants/" + tenant + "/assets/" + id,
                api.token("bench-manager", Optional.of(tenant), "Archive.Manager"), null, null), 204);
    }

    private static Void check(ApiClient.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + r.status() + ": "
                    + (r.json() == null ? "" : r.text()));
        }
        return null;
    }

    private static double timed(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
