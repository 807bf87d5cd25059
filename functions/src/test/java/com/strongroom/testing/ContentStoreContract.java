package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ContentStore} adapter promises; one subclass per adapter. */
public abstract class ContentStoreContract {
    protected abstract ContentStore store();

    static TenantId tenant() {
        return TenantId.of("b-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void committedBlocksAreReadBackInCommitOrderAndByRange() throws IOException {
        TenantId tenant = tenant();
        AssetId asset = AssetId.random();
        byte[] buffer = "0123456789".getBytes();
        store().stage(tenant, asset, "00002-00000", buffer, 4);
        store().stage(tenant, asset, "00001-00000", "abcdefXXXX".getBytes(), 6);
        store().stage(tenant, asset, "00001-00000", "ABCDEFXXXX".getBytes(), 6);
        assertEquals(0, read(store().read(tenant, asset, 0, OptionalLong.empty())).length, "nothing before commit");
        store().commit(tenant, asset, List.of("00001-00000", "00002-00000"));
        assertArrayEquals("ABCDEF0123".getBytes(), read(store().read(tenant, asset, 0, OptionalLong.empty())));
        assertArrayEquals("EF01".getBytes(), read(store().read(tenant, asset, 4, OptionalLong.of(4))));
        assertArrayEquals("23".getBytes(), read(store().read(tenant, asset, 8, OptionalLong.empty())));
        assertEquals(0, read(store().read(tenant, asset, 10, OptionalLong.empty())).length, "past the end");
        assertEquals(0, read(store().read(tenant(), asset, 0, OptionalLong.empty())).length, "another tenant's path");
    }

    @Test
    void deletedContentIsGoneAndDeletingAgainIsHarmless() throws IOException {
        TenantId tenant = tenant();
        AssetId asset = AssetId.random();
        store().stage(tenant, asset, "00001-00000", new byte[] {1, 2, 3}, 3);
        store().commit(tenant, asset, List.of("00001-00000"));
        store().delete(tenant, asset);
        assertEquals(0, read(store().read(tenant, asset, 0, OptionalLong.empty())).length);
        store().delete(tenant, asset);
    }

    @Test
    void putIsTheWholeContentAtOnceAndReplacesWhatWasThere() throws IOException {
        TenantId tenant = tenant();
        AssetId asset = AssetId.random();
        store().put(tenant, asset, "helloXXXX".getBytes(), 5);
        assertArrayEquals("hello".getBytes(), read(store().read(tenant, asset, 0, OptionalLong.empty())));
        assertArrayEquals("ell".getBytes(), read(store().read(tenant, asset, 1, OptionalLong.of(3))));
        assertEquals(0, read(store().read(tenant(), asset, 0, OptionalLong.empty())).length, "another tenant's path");
        store().stage(tenant, asset, "00001-00000", "abc".getBytes(), 3);
        store().commit(tenant, asset, List.of("00001-00000"));
        store().put(tenant, asset, "0123456789".getBytes(), 10);
        assertArrayEquals("0123456789".getBytes(), read(store().read(tenant, asset, 0, OptionalLong.empty())));
        store().delete(tenant, asset);
        assertEquals(0, read(store().read(tenant, asset, 0, OptionalLong.empty())).length);
    }
}
