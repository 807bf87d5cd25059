package com.strongroom.testing;

import com.strongroom.core.port.CheckpointStore;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();

    @Override
    protected CheckpointStore store() {
        return store;
    }
}
