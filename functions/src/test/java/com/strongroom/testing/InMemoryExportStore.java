package com.strongroom.testing;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ExportStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Exports in memory, with versions that change on every write, as ETags do. */
public final class InMemoryExportStore implements ExportStore {
    private record Key(TenantId tenant, ExportId id) {
    }

    private final Map<Key, Export> exports = new ConcurrentHashMap<>();

    @Override
    public Export create(Export export) {
        Export stored = export.withVersion(UUID.randomUUID().toString());
        if (exports.putIfAbsent(new Key(export.tenantId(), export.id()), stored) != null) {
            throw new ConflictException("export " + export.id() + " already exists");
        }
        return stored;
    }

    @Override
    public Optional<Export> find(TenantId tenant, ExportId id) {
        return Optional.ofNullable(exports.get(new Key(tenant, id)));
    }

    @Override
    public synchronized Export replace(Export export) {
        Key key = new Key(export.tenantId(), export.id());
        Export current = exports.get(key);
        if (current == null || !current.version().equals(export.version())) {
            throw new PreconditionFailedException("the export changed");
        }
        Export stored = export.withVersion(UUID.randomUUID().toString());
        exports.put(key, stored);
        return stored;
    }

    @Override
    public List<Export> list(TenantId tenant, int limit) {
        return exports.values().stream().filter(e -> e.tenantId().equals(tenant))
                .sorted(Comparator.comparing(Export::requestedAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<Export> expiredBy(Instant now, int limit) {
        return exports.values().stream().filter(e -> e.state() != Export.State.EXPIRED && !e.expiresAt().isAfter(now))
                .limit(limit).toList();
    }
}
