package com.strongroom.adapters.storage;

import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.strongroom.core.audit.Checkpoint;
import com.strongroom.core.port.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoints as blobs {@code <tenantId>/<chain>/<sequence, 12 digits>-<signed at, epoch ms>.jws} in the
 * {@code audit-checkpoints} container, which is immutable (WORM) in Azure. Blobs are never overwritten.
 */
public final class BlobCheckpointStore implements CheckpointStore {
    public static final String CONTAINER = "audit-checkpoints";
    private static final int BLOB_EXISTS = 409;
    private static final Pattern NAME = Pattern.compile("^(\\d{12})-\\d+\\.jws$");

    private final BlobContainerClient container;

    public BlobCheckpointStore(BlobContainerClient container) {
        this.container = container;
    }

    /** The blob name of a checkpoint. */
    public static String nameOf(Checkpoint checkpoint) {
        return String.format("%s%012d-%d.jws", prefixOf(checkpoint.tenantId(), checkpoint.chain()),
                checkpoint.sequence(), checkpoint.signedAt().toEpochMilli());
    }

    /** The folder of one chain's checkpoints. */
    public static String prefixOf(String tenantId, String chain) {
        return tenantId + "/" + chain + "/";
    }

    /** The chain position a blob name states, if it is a checkpoint's name at all. */
    public static OptionalLong sequenceOf(String blobName) {
        Matcher name = NAME.matcher(blobName.substring(blobName.lastIndexOf('/') + 1));
        return name.matches() ? OptionalLong.of(Long.parseLong(name.group(1))) : OptionalLong.empty();
    }

    @Override
    public void put(Checkpoint checkpoint, String signed) {
        String name = nameOf(checkpoint);
        AzureFailures.call(Dependency.BLOB, () -> {
            try {
                container.getBlobClient(name).upload(BinaryData.fromString(signed), false);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != BLOB_EXISTS) {
                    throw e;
                }
                // the same position signed twice in one millisecond: the first one stands
            }
            return null;
        });
    }

    @Override
    public List<Stored> list(String tenantId, String chain) {
        return AzureFailures.call(Dependency.BLOB, () -> {
            List<Stored> stored = new ArrayList<>();
            container.listBlobs(new ListBlobsOptions().setPrefix(prefixOf(tenantId, chain)), null).forEach(blob ->
                    stored.add(new Stored(blob.getName(), new String(container.getBlobClient(blob.getName())
                            .downloadContent().toBytes(), StandardCharsets.UTF_8))));
            return stored;
        });
    }

    @Override
    public OptionalLong latestSequence(String tenantId, String chain) {
        return AzureFailures.call(Dependency.BLOB, () -> container
                .listBlobs(new ListBlobsOptions().setPrefix(prefixOf(tenantId, chain)), null).stream()
                .map(blob -> sequenceOf(blob.getName())).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max());
    }
}
