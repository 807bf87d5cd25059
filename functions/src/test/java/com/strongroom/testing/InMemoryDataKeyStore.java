package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.WrappedDataKey;
import com.strongroom.core.port.DataKeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A keyring for unit tests of the core; held to the same contract as the Cosmos adapter. */
public final class InMemoryDataKeyStore implements DataKeyStore {
    private volatile boolean crashOnDelete;

    private record Key(TenantId tenant, AssetId asset) {
    }

    private final Map<Key, WrappedDataKey> keys = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryDataKeyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void create(WrappedDataKey key) {
        if (keys.putIfAbsent(new Key(key.tenantId(), key.assetId()), versioned(key)) != null) {
            throw new ConflictException("asset " + key.assetId() + " already has a content key");
        }
    }

    @Override
    public Optional<WrappedDataKey> find(TenantId tenant, AssetId asset) {
        return Optional.ofNullable(keys.get(new Key(tenant, asset)))
                .filter(k -> k.expiresAt().map(clock.instant()::isBefore).orElse(true));
    }

    @Override
    public List<WrappedDataKey> findAll(TenantId tenant, List<AssetId> assets) {
        return assets.stream().map(asset -> find(tenant, asset)).flatMap(Optional::stream).toList();
    }

    @Override
    public synchronized boolean replace(WrappedDataKey key) {
        Key id = new Key(key.tenantId(), key.assetId());
        WrappedDataKey current = keys.get(id);
        if (current == null || !current.version().equals(key.version())) {
            return false;
        }
        keys.put(id, versioned(key));
        return true;
    }

    @Override
    public void delete(TenantId tenant, AssetId asset) {
        if (crashOnDelete) {
            throw new IllegalStateException("crash before the key was deleted");
        }
        keys.remove(new Key(tenant, asset));
    }

    @Override
    public List<WrappedDataKey> sealedBefore(TenantId tenant, int tdkVersion, int limit) {
        return keys.values().stream().filter(k -> k.tenantId().equals(tenant) && k.tdkVersion() < tdkVersion)
                .limit(limit).toList();
    }

    private static WrappedDataKey versioned(WrappedDataKey k) {
        return new WrappedDataKey(k.tenantId(), k.assetId(), k.tdkVersion(), k.sealed(), k.expiresAt(),
                UUID.randomUUID().toString());
    }

    /** While set, a delete fails before it does anything, as a crash at that step would. */
    public void crashOnDelete(boolean crash) {
        this.crashOnDelete = crash;
    }
}
