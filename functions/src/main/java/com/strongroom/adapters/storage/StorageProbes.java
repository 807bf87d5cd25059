package com.strongroom.adapters.storage;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.queue.QueueServiceClient;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.port.DependencyProbe;

/** Probes of Blob and Queue storage that need only data-plane read rights. */
public final class StorageProbes {
    private StorageProbes() {
    }

    public static DependencyProbe blob(BlobServiceClient blobs, String container) {
        return DependencyProbe.of(Dependency.BLOB, () -> blobs.getBlobContainerClient(container).getProperties());
    }

    public static DependencyProbe queue(QueueServiceClient queues, String queue) {
        return DependencyProbe.of(Dependency.QUEUE, () -> queues.getQueueClient(queue).getProperties());
    }
}
