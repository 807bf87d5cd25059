package com.strongroom.testing;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

/** Passes every call to another store; tests override the one call they count or disturb. */
public class ForwardingContentStore implements ContentStore {
    protected final ContentStore delegate;

    public ForwardingContentStore(ContentStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void stage(TenantId tenant, AssetId asset, String blockId, byte[] data, int length) {
        delegate.stage(tenant, asset, blockId, data, length);
    }

    @Override
    public void commit(TenantId tenant, AssetId asset, List<String> blockIds) {
        delegate.commit(tenant, asset, blockIds);
    }

    @Override
    public void put(TenantId tenant, AssetId asset, byte[] data, int length) {
        delegate.put(tenant, asset, data, length);
    }

    @Override
    public InputStream read(TenantId tenant, AssetId asset, long offset, OptionalLong count) {
        return delegate.read(tenant, asset, offset, count);
    }

    @Override
    public void delete(TenantId tenant, AssetId asset) {
        delegate.delete(tenant, asset);
    }
}
