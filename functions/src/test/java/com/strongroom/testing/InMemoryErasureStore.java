package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ErasureStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Erasure requests and their items in memory, with versions that change on every write, as ETags do. */
public final class InMemoryErasureStore implements ErasureStore {
    private record Key(TenantId tenant, ErasureId id) {
    }

    private record ItemKey(TenantId tenant, ErasureId id, AssetId asset) {
    }

    private final Map<Key, ErasureRequest> requests = new ConcurrentHashMap<>();
    private final Map<ItemKey, ErasureItem> items = new ConcurrentHashMap<>();

    @Override
    public ErasureRequest create(ErasureRequest request) {
        ErasureRequest stored = request.withVersion(UUID.randomUUID().toString());
        if (requests.putIfAbsent(new Key(request.tenantId(), request.id()), stored) != null) {
            throw new ConflictException("erasure request " + request.id() + " already exists");
        }
        return stored;
    }

    @Override
    public Optional<ErasureRequest> find(TenantId tenant, ErasureId id) {
        return Optional.ofNullable(requests.get(new Key(tenant, id)));
    }

    @Override
    public synchronized ErasureRequest replace(ErasureRequest request) {
        Key key = new Key(request.tenantId(), request.id());
        ErasureRequest current = requests.get(key);
        if (current == null || !current.version().equals(request.version())) {
            throw new PreconditionFailedException("the erasure request changed");
        }
        ErasureRequest stored = request.withVersion(UUID.randomUUID().toString());
        requests.put(key, stored);
        return stored;
    }

    @Override
    public Page list(TenantId tenant, Optional<ErasureRequest.State> state, int pageSize, Optional<String> continuation) {
        List<ErasureRequest> matching = requests.values().stream().filter(r -> r.tenantId().equals(tenant))
                .filter(r -> state.map(s -> r.state() == s).orElse(true))
                .sorted(Comparator.comparing(ErasureRequest::requestedAt).reversed()).toList();
        int from = continuation.map(Integer::parseInt).orElse(0);
        int to = Math.min(matching.size(), from + pageSize);
        return new Page(matching.subList(from, to), to < matching.size() ? Optional.of(String.valueOf(to))
                : Optional.empty());
    }

    @Override
    public void putItems(List<ErasureItem> batch) {
        batch.forEach(item -> items.put(new ItemKey(item.tenantId(), item.erasureId(), item.assetId()), item));
    }

    @Override
    public Optional<ErasureItem> item(TenantId tenant, ErasureId id, AssetId asset) {
        return Optional.ofNullable(items.get(new ItemKey(tenant, id, asset)));
    }

    @Override
    public List<ErasureItem> items(TenantId tenant, ErasureId id) {
        return items.values().stream().filter(i -> i.tenantId().equals(tenant) && i.erasureId().equals(id))
                .sorted(Comparator.comparing(i -> i.assetId().value())).toList();
    }

    @Override
    public List<ErasureId> retaining(TenantId tenant, AssetId asset) {
        return items.values().stream().filter(i -> i.tenantId().equals(tenant) && i.assetId().equals(asset)
                && i.outcome() == ErasureItem.Outcome.RETAINED).map(ErasureItem::erasureId).toList();
    }

    @Override
    public List<ErasureRequest> approvedBefore(Instant before, int limit) {
        return requests.values().stream().filter(r -> r.state() == ErasureRequest.State.APPROVED)
                .filter(r -> r.approval().orElseThrow().at().isBefore(before)).limit(limit).toList();
    }

    @Override
    public List<ErasureRequest> completedIrrecoverableBy(Instant now, int limit) {
        return requests.values().stream().filter(r -> r.state() == ErasureRequest.State.COMPLETED)
                .filter(r -> !r.completion().orElseThrow().irrecoverableAfter().isAfter(now)).limit(limit).toList();
    }
}
