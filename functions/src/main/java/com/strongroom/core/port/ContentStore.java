package com.strongroom.core.port;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * Encrypted content, one object per asset, written as staged blocks that become visible together on commit.
 * Only ciphertext ever passes through this port.
 */
public interface ContentStore {
    /** Stages (or re-stages) one block. Block ids of one asset all have the same length. */
    void stage(TenantId tenant, AssetId asset, String blockId, byte[] data, int length);

    /** Makes the content exactly these staged blocks, in this order. */
    void commit(TenantId tenant, AssetId asset, List<String> blockIds);

    /**
     * Makes the content exactly these bytes in one write, replacing what was there and dropping anything staged; for
     * content that fits one block. Readers see the old content or the new, never a mix.
     */
    void put(TenantId tenant, AssetId asset, byte[] data, int length);

    /** The stored bytes from {@code offset}, {@code count} of them or up to the end; empty past the end. */
    InputStream read(TenantId tenant, AssetId asset, long offset, OptionalLong count);

    /** Removes the content and anything staged for it; nothing happens if it is already gone. */
    void delete(TenantId tenant, AssetId asset);
}
