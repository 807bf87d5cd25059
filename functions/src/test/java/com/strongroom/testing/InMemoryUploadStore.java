package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.UploadStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Upload sessions for unit tests of the core; held to the same contract as the Cosmos adapter. */
public final class InMemoryUploadStore implements UploadStore {
    private record Key(TenantId tenant, AssetId id) {
    }

    private final Map<Key, UploadSession> sessions = new ConcurrentHashMap<>();
    private final Map<Key, Map<Integer, UploadPart>> parts = new ConcurrentHashMap<>();

    @Override
    public void create(UploadSession session) {
        if (sessions.putIfAbsent(new Key(session.tenantId(), session.id()), session) != null) {
            throw new ConflictException("upload " + session.id() + " already exists");
        }
    }

    @Override
    public Optional<UploadSession> find(TenantId tenant, AssetId id) {
        return Optional.ofNullable(sessions.get(new Key(tenant, id)));
    }

    @Override
    public void putPart(UploadSession session, UploadPart part) {
        parts.computeIfAbsent(new Key(part.tenantId(), part.uploadId()), k -> new ConcurrentHashMap<>())
                .put(part.number(), part);
    }

    @Override
    public List<UploadPart> parts(TenantId tenant, AssetId id) {
        return parts.getOrDefault(new Key(tenant, id), Map.of()).values().stream()
                .sorted(Comparator.comparingInt(UploadPart::number)).toList();
    }

    @Override
    public List<UploadSession> concerning(TenantId tenant, List<String> subjectIndex, int limit) {
        return sessions.values().stream().filter(s -> s.tenantId().equals(tenant))
                .filter(s -> s.subjectIndex().stream().anyMatch(subjectIndex::contains)).limit(limit).toList();
    }

    @Override
    public void delete(TenantId tenant, AssetId id) {
        sessions.remove(new Key(tenant, id));
        parts.remove(new Key(tenant, id));
    }
}
