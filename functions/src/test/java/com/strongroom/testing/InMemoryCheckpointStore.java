package com.strongroom.testing;

import com.strongroom.core.audit.Checkpoint;
import com.strongroom.core.port.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/** Checkpoints kept in memory by the name the blob store would give them; tests may plant forged ones. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, String> blobs = new ConcurrentSkipListMap<>();

    @Override
    public void put(Checkpoint checkpoint, String signed) {
        String name = String.format("%s/%s/%012d-%d.jws", checkpoint.tenantId(), checkpoint.chain(),
                checkpoint.sequence(), checkpoint.signedAt().toEpochMilli());
        if (blobs.putIfAbsent(name, signed) != null) {
            throw new IllegalStateException("checkpoints are never overwritten: " + name);
        }
    }

    @Override
    public List<Stored> list(String tenantId, String chain) {
        List<Stored> stored = new ArrayList<>();
        blobs.forEach((name, signed) -> {
            if (name.startsWith(tenantId + "/" + chain + "/")) {
                stored.add(new Stored(name, signed));
            }
        });
        return stored;
    }

    @Override
    public OptionalLong latestSequence(String tenantId, String chain) {
        return list(tenantId, chain).stream().map(s -> s.name().substring(s.name().lastIndexOf('/') + 1))
                .filter(n -> n.matches("\\d{12}-\\d+\\.jws")).mapToLong(n -> Long.parseLong(n.substring(0, 12))).max();
    }

    /** Tampering: stores anything under any name. */
    public void plant(String name, String signed) {
        blobs.put(name, signed);
    }
}
