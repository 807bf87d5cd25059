package com.strongroom.testing;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Block-staged content for unit tests of the core; held to the same contract as the Blob adapter. */
public final class InMemoryContentStore implements ContentStore {
    private volatile boolean crashOnDelete;

    private final Map<String, Map<String, byte[]>> staged = new ConcurrentHashMap<>();
    private final Map<String, byte[]> committed = new ConcurrentHashMap<>();

    @Override
    public void stage(TenantId tenant, AssetId asset, String blockId, byte[] data, int length) {
        staged.computeIfAbsent(name(tenant, asset), k -> new ConcurrentHashMap<>())
                .put(blockId, Arrays.copyOf(data, length));
    }

    @Override
    public void commit(TenantId tenant, AssetId asset, List<String> blockIds) {
        Map<String, byte[]> blocks = staged.getOrDefault(name(tenant, asset), Map.of());
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (String id : blockIds) {
            byte[] block = blocks.get(id);
            if (block == null) {
                throw new IllegalStateException("block " + id + " was never staged");
            }
            content.writeBytes(block);
        }
        committed.put(name(tenant, asset), content.toByteArray());
    }

    @Override
    public void put(TenantId tenant, AssetId asset, byte[] data, int length) {
        staged.remove(name(tenant, asset));
        committed.put(name(tenant, asset), Arrays.copyOf(data, length));
    }

    @Override
    public InputStream read(TenantId tenant, AssetId asset, long offset, OptionalLong count) {
        byte[] content = committed.getOrDefault(name(tenant, asset), new byte[0]);
        int from = (int) Math.min(offset, content.length);
        int to = (int) Math.min(content.length, count.isPresent() ? offset + count.getAsLong() : content.length);
        return new ByteArrayInputStream(content, from, Math.max(0, to - from));
    }

    @Override
    public void delete(TenantId tenant, AssetId asset) {
        if (crashOnDelete) {
            throw new IllegalStateException("crash before the content was deleted");
        }
        committed.remove(name(tenant, asset));
        staged.remove(name(tenant, asset));
    }

    /** The stored bytes as they are, for tests that inspect or tamper with them. */
    public byte[] stored(TenantId tenant, AssetId asset) {
        return committed.get(name(tenant, asset));
    }

    public void overwrite(TenantId tenant, AssetId asset, byte[] stored) {
        committed.put(name(tenant, asset), stored.clone());
    }

    private static String name(TenantId tenant, AssetId asset) {
        return tenant + "/" + asset;
    }

    /** While set, a delete fails before it does anything, as a crash at that step would. */
    public void crashOnDelete(boolean crash) {
        this.crashOnDelete = crash;
    }
}
