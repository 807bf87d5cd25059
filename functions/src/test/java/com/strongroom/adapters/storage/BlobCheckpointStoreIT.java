package com.strongroom.adapters.storage;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.strongroom.core.port.CheckpointStore;
import com.strongroom.it.TestStack;
import com.strongroom.testing.CheckpointStoreContract;
import org.junit.jupiter.api.BeforeAll;

/** The blob adapter with the real SDK against Azurite. */
class BlobCheckpointStoreIT extends CheckpointStoreContract {
    private static BlobCheckpointStore store;

    @BeforeAll
    static void connect() {
        store = new BlobCheckpointStore(new BlobServiceClientBuilder()
                .connectionString(TestStack.shared().values().get("STORAGE")).buildClient()
                .getBlobContainerClient(BlobCheckpointStore.CONTAINER));
    }

    @Override
    protected CheckpointStore store() {
        return store;
    }
}
