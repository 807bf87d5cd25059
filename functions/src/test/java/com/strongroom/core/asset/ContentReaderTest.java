package com.strongroom.core.asset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import com.strongroom.testing.ForwardingContentStore;
import com.strongroom.testing.InMemoryContentStore;
import org.junit.jupiter.api.Test;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A storage service that is stopping or starting can answer a read with nothing, or with a body cut short (Azurite
 * removes its request listener and closes its stores while connections are still open: ServerBase.close). Such
 * a read must not be taken for a forgery, and a forgery must not pass for such a read.
 */
class ContentReaderTest {
    static final int S = ContentFormat.SEGMENT_BYTES;
    static final TenantId TENANT = TenantId.of("t-reader");
    static final AssetId ASSET = AssetId.random();

    final byte[] dek = new byte[32];
    final byte[] plaintext = new byte[3 * S - 100];
    final InMemoryContentStore store = new InMemoryContentStore();
    final Deque<UnaryOperator<byte[]>> nextReads = new ArrayDeque<>();
    int reads;

    /** Reads as the store has them, except that each queued change applies to one read's bytes. */
    final ContentStore flaky = new ForwardingContentStore(store) {
        @Override
        public InputStream read(TenantId tenant, AssetId asset, long offset, OptionalLong count) {
            reads++;
            byte[] bytes = readAll(super.read(tenant, asset, offset, count));
            return new ByteArrayInputStream(nextReads.isEmpty() ? bytes : nextReads.poll().apply(bytes));
        }
    };

    ContentReaderTest() {
        Random random = new Random(7);
        random.nextBytes(dek);
        random.nextBytes(plaintext);
        byte[] stored = ContentFormat.encrypt(dek, ASSET.value(), plaintext);
        store.stage(TENANT, ASSET, "b0", stored, stored.length);
        store.commit(TENANT, ASSET, List.of("b0"));
    }

    byte[] read(long from, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ContentReader(flaky).decrypt(TENANT, ASSET, dek, plaintext.length, from, length, out);
        return out.toByteArray();
    }

    @Test
    void anIntactReadTakesOneRequest() {
        assertArrayEquals(Arrays.copyOfRange(plaintext, 10, S + 10), read(10, S));
        assertEquals(1, reads);
    }

    @Test
    void aReadThatFoundNothingOnceIsReadAgain() {
        nextReads.add(bytes -> new byte[0]);
        assertArrayEquals(plaintext, read(0, plaintext.length));
        assertEquals(2, reads);
    }

    @Test
    void aReadCutShortIsResumedAtTheFirstSegmentNotYetWrittenOut() {
        nextReads.add(bytes -> Arrays.copyOf(bytes, ContentFormat.STORED_SEGMENT_BYTES + 100));
        assertArrayEquals(Arrays.copyOfRange(plaintext, 5, plaintext.length), read(5, plaintext.length - 5));
        assertEquals(2, reads);
    }

    @Test
    void contentThatIsNotThereTwiceIsUnavailableStorageNotTampering() {
        store.delete(TENANT, ASSET);
        assertThrows(DependencyUnavailableException.class, () -> read(0, 10));
        assertEquals(3, reads, "two reads of the range and one of its first byte");
    }

    @Test
    void aTamperedBlobFailsBothReadsAndReleasesNothingPastTheLastIntactSegment() {
        byte[] stored = store.stored(TENANT, ASSET);
        stored[ContentFormat.STORED_SEGMENT_BYTES + 500] ^= 1;
        store.overwrite(TENANT, ASSET, stored);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(TamperedException.class, () -> new ContentReader(flaky).decrypt(TENANT, ASSET, dek,
                plaintext.length, 0, plaintext.length, out));
        assertArrayEquals(Arrays.copyOf(plaintext, S), out.toByteArray());
        assertEquals(2, reads);
    }

    @Test
    void aTruncatedBlobIsTamperingEvenWhenTheFirstReadFoundNothing() {
        store.overwrite(TENANT, ASSET, Arrays.copyOf(store.stored(TENANT, ASSET), 100));
        nextReads.add(bytes -> new byte[0]);
        assertThrows(TamperedException.class, () -> read(0, plaintext.length));
    }

    @Test
    void aBlobCutAtASegmentBoundaryIsTamperingThoughTheSecondReadStartsPastItsEnd() {
        byte[] stored = store.stored(TENANT, ASSET);
        store.overwrite(TENANT, ASSET, Arrays.copyOf(stored, 2 * ContentFormat.STORED_SEGMENT_BYTES));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(TamperedException.class, () -> new ContentReader(flaky).decrypt(TENANT, ASSET, dek,
                plaintext.length, 0, plaintext.length, out));
        assertArrayEquals(Arrays.copyOf(plaintext, 2 * S), out.toByteArray());
    }

    @Test
    void aForgeryOnTheSecondReadIsStillRefused() {
        nextReads.add(bytes -> new byte[0]);
        nextReads.add(bytes -> {
            byte[] forged = bytes.clone();
            forged[forged.length - 1] ^= 1;
            return forged;
        });
        assertThrows(TamperedException.class, () -> read(0, plaintext.length));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
