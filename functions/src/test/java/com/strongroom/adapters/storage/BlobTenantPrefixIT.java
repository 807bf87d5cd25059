package com.strongroom.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDataSet;
import com.strongroom.it.TestStack;
import com.strongroom.testing.TenantDataSetContract;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

/** A tenant's blob prefix as a purge sees it, with the real SDK against Azurite. */
class BlobTenantPrefixIT extends TenantDataSetContract {
    private final BlobContainerClient container = new BlobServiceClientBuilder()
            .connectionString(TestStack.shared().values().get("STORAGE")).buildClient()
            .getBlobContainerClient(BlobContentStore.CONTAINER);
    private final BlobTenantPrefix set = new BlobTenantPrefix("asset-content-blobs", container);

    @Override
    protected TenantDataSet set() {
        return set;
    }

    @Override
    protected void put(TenantId owner, String item) {
        container.getBlobClient(owner.value() + "/" + item).upload(BinaryData.fromString("x"), true);
    }

    @Test
    void deletesABlobThatOnlyHasStagedBlocks() {
        String blockId = Base64.getEncoder().encodeToString("000001".getBytes(StandardCharsets.US_ASCII));
        container.getBlobClient(tenant.value() + "/unfinished").getBlockBlobClient()
                .stageBlock(blockId, BinaryData.fromString("staged"));
        put(tenant, "finished");

        set.deleteAll(tenant);

        ListBlobsOptions everything = new ListBlobsOptions().setPrefix(tenant.value() + "/").setDetails(
                new BlobListDetails().setRetrieveUncommittedBlobs(true).setRetrieveVersions(true)
                        .setRetrieveSnapshots(true));
        assertEquals(List.of(), StreamSupport.stream(container.listBlobs(everything, null).spliterator(), false)
                .map(b -> b.getName()).toList());
    }
}
