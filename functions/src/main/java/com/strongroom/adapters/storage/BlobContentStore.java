package com.strongroom.adapters.storage;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContentStore;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Encrypted content as block blobs at {@code <tenantId>/<assetId>} in the {@code assets} container. Blocks are
 * staged as they are encrypted and become the blob's content only on commit.
 */
public final class BlobContentStore implements ContentStore {
    public static final String CONTAINER = "assets";
    /**
     * Reads in chunks of 128 whole stored segments (8 MiB of plaintext), so a range of whole segments takes no
     * request for a few bytes at its end; the next chunk is fetched while the current one is decrypted.
     */
    private static final int READ_CHUNK_BYTES = 128 * ContentFormat.STORED_SEGMENT_BYTES;

    private final BlobContainerClient container;
    private final ExecutorService readAhead = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "blob-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    public BlobContentStore(BlobContainerClient container) {
        this.container = container;
    }

    static String nameOf(TenantId tenant, AssetId asset) {
        return tenant.value() + "/" + asset.value();
    }

    @Override
    public void stage(TenantId tenant, AssetId asset, String blockId, byte[] data, int length) {
        AzureFailures.call(Dependency.BLOB, () -> {
            blob(tenant, asset).stageBlock(encode(blockId), BinaryData.fromByteBuffer(ByteBuffer.wrap(data, 0, length)));
            return null;
        });
    }

    @Override
    public void commit(TenantId tenant, AssetId asset, List<String> blockIds) {
        AzureFailures.call(Dependency.BLOB, () -> blob(tenant, asset).commitBlockList(
                blockIds.stream().map(BlobContentStore::encode).toList(), true));
    }

    @Override
    public void put(TenantId tenant, AssetId asset, byte[] data, int length) {
        AzureFailures.call(Dependency.BLOB, () -> blob(tenant, asset).upload(
                BinaryData.fromByteBuffer(ByteBuffer.wrap(data, 0, length)), true));
    }

    @Override
    public InputStream read(TenantId tenant, AssetId asset, long offset, OptionalLong count) {
        return new ReadAheadBlobStream(blob(tenant, asset), offset, count, READ_CHUNK_BYTES, readAhead);
    }

    /**
     * Deletes the blob with its snapshots, then every earlier version blob versioning kept (deleting the current
     * version turns it into one), each by its version id.
     */
    @Override
    public void delete(TenantId tenant, AssetId asset) {
        String name = nameOf(tenant, asset);
        AzureFailures.call(Dependency.BLOB, () -> {
            blob(tenant, asset).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
            ListBlobsOptions versions = new ListBlobsOptions().setPrefix(name)
                    .setDetails(new BlobListDetails().setRetrieveVersions(true));
            for (BlobItem item : container.listBlobs(versions, null)) {
                if (item.getName().equals(name) && item.getVersionId() != null) {
                    container.getBlobClient(name).getVersionClient(item.getVersionId()).deleteIfExists();
                }
            }
            return null;
        });
    }

    private BlockBlobClient blob(TenantId tenant, AssetId asset) {
        return container.getBlobClient(nameOf(tenant, asset)).getBlockBlobClient();
    }

    private static String encode(String blockId) {
        return Base64.getEncoder().encodeToString(blockId.getBytes(StandardCharsets.US_ASCII));
    }
}
