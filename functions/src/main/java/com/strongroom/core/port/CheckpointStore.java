package com.strongroom.core.port;

import com.strongroom.core.audit.Checkpoint;
import java.util.List;

/** Where signed checkpoints are kept (write-once in Azure). */
public interface CheckpointStore {
    void put(Checkpoint checkpoint, String signed);

    /** Every stored checkpoint of a chain, by the name it was stored under, whatever its content. */
    List<Stored> list(String tenantId, String chain);

    /** The highest position of a chain that has a stored checkpoint, if any (whatever its signature). */
    java.util.OptionalLong latestSequence(String tenantId, String chain);

    record Stored(String name, String signed) {
    }
}
