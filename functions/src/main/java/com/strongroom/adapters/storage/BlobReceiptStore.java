package com.strongroom.adapters.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ReceiptStore;
import java.util.Optional;

/** Signed erasure receipts as blobs {@code <tenantId>/erasures/<erasureId>.jws} in the {@code receipts} container. */
public final class BlobReceiptStore implements ReceiptStore {
    public static final String CONTAINER = "receipts";

    private final BlobContainerClient container;

    public BlobReceiptStore(BlobContainerClient container) {
        this.container = container;
    }

    @Override
    public void put(TenantId tenant, ErasureId erasure, String signedReceipt) {
        AzureFailures.call(Dependency.BLOB, () -> {
            blob(tenant, erasure).upload(BinaryData.fromString(signedReceipt), true);
            return null;
        });
    }

    @Override
    public Optional<String> find(TenantId tenant, ErasureId erasure) {
        BlobClient blob = blob(tenant, erasure);
        return AzureFailures.call(Dependency.BLOB, () -> blob.exists()
                ? Optional.of(blob.downloadContent().toString()) : Optional.<String>empty());
    }

    private BlobClient blob(TenantId tenant, ErasureId erasure) {
        return container.getBlobClient(tenant.value() + "/erasures/" + erasure.value() + ".jws");
    }
}
