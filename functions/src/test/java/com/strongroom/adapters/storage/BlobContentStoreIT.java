package com.strongroom.adapters.storage;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.strongroom.core.port.ContentStore;
import com.strongroom.it.TestStack;
import com.strongroom.testing.ContentStoreContract;

/** The Blob adapter with the real SDK against Azurite. */
class BlobContentStoreIT extends ContentStoreContract {
    private final BlobContentStore store = new BlobContentStore(new BlobServiceClientBuilder()
            .connectionString(TestStack.shared().values().get("STORAGE")).buildClient()
            .getBlobContainerClient(BlobContentStore.CONTAINER));

    @Override
    protected ContentStore store() {
        return store;
    }
}
