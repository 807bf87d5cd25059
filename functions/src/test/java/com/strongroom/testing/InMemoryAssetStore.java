package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** An asset store for unit tests of the core; held to the same contract as the Cosmos adapter. */
public final class InMemoryAssetStore implements AssetStore {
    private record Key(TenantId tenant, AssetId id) {
    }

    private final Map<Key, Asset> assets = new ConcurrentHashMap<>();

    @Override
    public Asset create(Asset asset) {
        Asset stored = versioned(asset);
        if (assets.putIfAbsent(new Key(asset.tenantId(), asset.id()), stored) != null) {
            throw new ConflictException("asset " + asset.id() + " already exists");
        }
        return stored;
    }

    @Override
    public Optional<Asset> find(TenantId tenant, AssetId id) {
        return Optional.ofNullable(assets.get(new Key(tenant, id)));
    }

    @Override
    public synchronized Asset replace(Asset asset) {
        Key key = new Key(asset.tenantId(), asset.id());
        Asset current = assets.get(key);
        if (current == null || !current.version().equals(asset.version())) {
            throw new PreconditionFailedException("the asset changed since that version was read");
        }
        Asset stored = versioned(asset);
        assets.put(key, stored);
        return stored;
    }

    @Override
    public void delete(TenantId tenant, AssetId id) {
        assets.remove(new Key(tenant, id));
    }

    @Override
    public List<Asset> unfinished(Instant uploadsStartedBefore, int limit) {
        return assets.values().stream().filter(a -> a.state() == Asset.State.DELETING
                        || a.state() == Asset.State.UPLOADING && a.createdAt().isBefore(uploadsStartedBefore))
                .limit(limit).toList();
    }

    @Override
    public List<Asset> concerning(TenantId tenant, List<String> subjectIndex, Optional<AssetId> after, int limit) {
        return assets.values().stream().filter(a -> a.tenantId().equals(tenant))
                .filter(a -> a.subjectIndex().stream().anyMatch(subjectIndex::contains))
                .filter(a -> after.map(id -> a.id().value().compareTo(id.value()) > 0).orElse(true))
                .sorted(Comparator.comparing(a -> a.id().value())).limit(limit).toList();
    }

    @Override
    public Page list(TenantId tenant, Optional<String> subjectIndex, int pageSize, Optional<String> continuation) {
        List<Asset> matching = assets.values().stream()
                .filter(a -> a.tenantId().equals(tenant) && a.visible())
                .filter(a -> subjectIndex.map(a.subjectIndex()::contains).orElse(true))
                .sorted(Comparator.comparing(Asset::createdAt).thenComparing(a -> a.id().value())).toList();
        int from = continuation.map(Integer::parseInt).orElse(0);
        int to = Math.min(matching.size(), from + pageSize);
        return new Page(matching.subList(from, to), to < matching.size() ? Optional.of(String.valueOf(to))
                : Optional.empty());
    }

    private static Asset versioned(Asset a) {
        return new Asset(a.tenantId(), a.id(), a.name(), a.contentType(), a.size(), a.sha256(), a.formatVersion(),
                a.subjectIndex(), a.metadata(), a.legalHold(), a.createdAt(), a.createdBy(), a.updatedAt(), a.state(),
                "\"" + UUID.randomUUID() + "\"");
    }
}
