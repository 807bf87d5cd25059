package com.strongroom.adapters.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.adapters.ParallelDeletes;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDataSet;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The blobs under {@code <tenantId>/} in one container, as a set the purge deletes: each blob with its snapshots,
 * then every earlier version blob versioning kept, each by its version id, then any blob that only has staged,
 * uncommitted blocks (an upload left unfinished), by committing it empty and deleting that.
 */
public final class BlobTenantPrefix implements TenantDataSet {
    private final String kind;
    private final BlobContainerClient container;

    public BlobTenantPrefix(String kind, BlobContainerClient container) {
        this.kind = kind;
        this.container = container;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public long count(TenantId tenant) {
        return AzureFailures.call(Dependency.BLOB, () -> StreamSupport.stream(container.listBlobs(
                new ListBlobsOptions().setPrefix(prefix(tenant)), null).spliterator(), false).count());
    }

    @Override
    public void deleteAll(TenantId tenant) {
        ListBlobsOptions everything = new ListBlobsOptions().setPrefix(prefix(tenant)).setDetails(new BlobListDetails()
                .setRetrieveVersions(true).setRetrieveUncommittedBlobs(true));
        AzureFailures.call(Dependency.BLOB, () -> {
            List<BlobItem> current = list(new ListBlobsOptions().setPrefix(prefix(tenant)));
            ParallelDeletes.each(current, item -> container.getBlobClient(item.getName())
                    .deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE));
            ParallelDeletes.each(list(everything), item -> {
                if (item.getVersionId() != null) {
                    container.getBlobClient(item.getName()).getVersionClient(item.getVersionId()).deleteIfExists();
                } else {
                    container.getBlobClient(item.getName()).getBlockBlobClient().commitBlockList(List.of(), true);
                    container.getBlobClient(item.getName()).deleteIfExists();
                }
            });
            return null;
        });
    }

    private List<BlobItem> list(ListBlobsOptions options) {
        return StreamSupport.stream(container.listBlobs(options, null).spliterator(), false).toList();
    }

    private static String prefix(TenantId tenant) {
        return tenant.value() + "/";
    }
}
