package com.strongroom.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.strongroom.it.TestStack;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunked reads with read-ahead against Azurite: every range comes back whole, across chunk boundaries. */
class ReadAheadBlobStreamIT {
    static final int CHUNK = 1000;
    static BlobContainerClient container;
    static ExecutorService executor;

    @BeforeAll
    static void connect() {
        container = new BlobServiceClientBuilder().connectionString(TestStack.shared().values().get("STORAGE"))
                .buildClient().getBlobContainerClient(BlobContentStore.CONTAINER);
        executor = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    private static BlockBlobClient blobOf(byte[] content) {
        BlockBlobClient blob = container.getBlobClient("read-ahead/" + UUID.randomUUID()).getBlockBlobClient();
        blob.upload(BinaryData.fromBytes(content), true);
        return blob;
    }

    private static byte[] read(BlockBlobClient blob, long offset, OptionalLong count, int bufferSize) throws IOException {
        try (InputStream in = new ReadAheadBlobStream(blob, offset, count, CHUNK, executor)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[bufferSize];
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Test
    void rangesToTheEndAndOfAGivenLengthComeBackWholeAcrossChunks() throws IOException {
        for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, 3 * CHUNK, 3 * CHUNK + 5}) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            BlockBlobClient blob = blobOf(content);
            assertArrayEquals(content, read(blob, 0, OptionalLong.empty(), 333), "all of " + size);
            if (size > 10) {
                assertArrayEquals(Arrays.copyOfRange(content, 7, size), read(blob, 7, OptionalLong.empty(), 4096));
                assertArrayEquals(Arrays.copyOfRange(content, 3, size - 2),
                        read(blob, 3, OptionalLong.of(size - 5), 1), "byte by byte buffer of one");
            }
        }
    }

    @Test
    void aBlobGoneAfterItsFirstChunkIsAFailedReadNotAnEarlyEnd() throws Exception {
        BlockBlobClient blob = blobOf(new byte[3 * CHUNK]);
        try (InputStream in = new ReadAheadBlobStream(blob, 0, OptionalLong.empty(), CHUNK, executor)) {
            Thread.sleep(300);
            blob.delete();
            // The first chunk came before the delete; the next, fetched behind it, finds nothing.
            byte[] buffer = new byte[CHUNK];
            assertEquals(CHUNK, in.readNBytes(buffer, 0, CHUNK));
            assertThrows(IOException.class, () -> in.readNBytes(buffer, 0, CHUNK));
        }
    }

    @Test
    void aRangeToTheEndAsksForNoChunkPastTheLengthItsFirstAnswerGives() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        BlobContainerClient counted = new BlobServiceClientBuilder()
                .connectionString(TestStack.shared().values().get("STORAGE"))
                .addPolicy((context, next) -> {
                    requests.incrementAndGet();
                    return next.process();
                })
                .buildClient().getBlobContainerClient(BlobContentStore.CONTAINER);
        byte[] small = new byte[CHUNK / 2];
        new Random(5).nextBytes(small);
        BlockBlobClient smallBlob = counted.getBlobClient(blobOf(small).getBlobName()).getBlockBlobClient();
        assertArrayEquals(small, read(smallBlob, 0, OptionalLong.empty(), 100));
        assertEquals(1, requests.getAndSet(0), "a small blob is one request");
        byte[] whole = new byte[10 * CHUNK];
        new Random(6).nextBytes(whole);
        BlockBlobClient wholeBlob = counted.getBlobClient(blobOf(whole).getBlobName()).getBlockBlobClient();
        assertArrayEquals(whole, read(wholeBlob, 0, OptionalLong.empty(), 700));
        assertEquals(10, requests.getAndSet(0), "ten chunks, none past the end");
        assertArrayEquals(Arrays.copyOfRange(whole, 1500, 6500), read(wholeBlob, 1500, OptionalLong.of(5000), 333));
        assertEquals(5, requests.get());
    }

    @Test
    void theBlobsLengthIsReadFromTheContentRange() {
        assertEquals(3000, ReadAheadBlobStream.blobLength("bytes 0-999/3000"));
        assertEquals(0, ReadAheadBlobStream.blobLength("bytes 0-999/*"));
        assertEquals(0, ReadAheadBlobStream.blobLength(null));
        assertEquals(0, ReadAheadBlobStream.blobLength("garbage"));
    }

    @Test
    void aMissingBlobOrAnOffsetPastTheEndReadsAsEmpty() throws IOException {
        BlockBlobClient missing = container.getBlobClient("read-ahead/" + UUID.randomUUID()).getBlockBlobClient();
        assertEquals(0, read(missing, 0, OptionalLong.empty(), 100).length);
        BlockBlobClient blob = blobOf(new byte[10]);
        assertEquals(0, read(blob, 10, OptionalLong.empty(), 100).length);
    }

    @Test
    void aStorageFailureIsAnIoExceptionNotPartialData() {
        BlockBlobClient blob = blobOf(new byte[5 * CHUNK]);
        ExecutorService failing = Executors.newSingleThreadExecutor();
        failing.shutdown();
        assertThrows(java.util.concurrent.RejectedExecutionException.class,
                () -> new ReadAheadBlobStream(blob, 0, OptionalLong.empty(), CHUNK, failing));
        BlockBlobClient unreachable = new BlobServiceClientBuilder()
                .connectionString(TestStack.shared().values().get("STORAGE").replaceAll("127\\.0\\.0\\.1:\\d+",
                        "127.0.0.1:9"))
                .retryOptions(new com.azure.storage.common.policy.RequestRetryOptions(
                        com.azure.storage.common.policy.RetryPolicyType.FIXED, 1, 5, null, null, null))
                .buildClient().getBlobContainerClient(BlobContentStore.CONTAINER).getBlobClient("x").getBlockBlobClient();
        assertThrows(IOException.class, () -> read(unreachable, 0, OptionalLong.empty(), 100));
    }
}
