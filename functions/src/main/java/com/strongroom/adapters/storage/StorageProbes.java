package com.strongroom.adapters.storage;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.queue.QueueServiceClient;
import com.strongroom.core.port.DependencyProbe;

/** Probes of Blob and Queue storage that need only data-plane read rights. */
public final class StorageProbes {
    private StorageProbes() {
    }

    public static DependencyProbe blob(BlobServiceClient blobs, String container) {
        return probe("blob", () -> blobs.getBlobContainerClient(container).getProperties());
    }

    public static DependencyProbe queue(QueueServiceClient queues, String queue) {
        return probe("queue", () -> queues.getQueueClient(queue).getProperties());
    }

    private static DependencyProbe probe(String name, Runnable check) {
        return new DependencyProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void probe() {
                check.run();
            }
        };
    }
}
