package com.strongroom.testing;

import com.strongroom.adapters.storage.BlobCheckpointStore;
import com.strongroom.core.audit.Checkpoint;
import com.strongroom.core.port.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/** Checkpoints kept in memory under the blob store's names; tests may plant forged ones. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, String> blobs = new ConcurrentSkipListMap<>();

    @Override
    public void put(Checkpoint checkpoint, String signed) {
        String name = BlobCheckpointStore.nameOf(checkpoint);
        if (blobs.putIfAbsent(name, signed) != null) {
            throw new IllegalStateException("checkpoints are never overwritten: " + name);
        }
    }

    @Override
    public List<Stored> list(String tenantId, String chain) {
        List<Stored> stored = new ArrayList<>();
        blobs.forEach((name, signed) -> {
            if (name.startsWith(BlobCheckpointStore.prefixOf(tenantId, chain))) {
                stored.add(new Stored(name, signed));
            }
        });
        return stored;
    }

    @Override
    public OptionalLong latestSequence(String tenantId, String chain) {
        return list(tenantId, chain).stream().map(s -> BlobCheckpointStore.sequenceOf(s.name()))
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max();
    }

    /** Tampering: stores anything under any name. */
    public void plant(String name, String signed) {
        blobs.put(name, signed);
    }
}
