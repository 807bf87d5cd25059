package com.strongroom.core.model;

import java.util.List;
import java.util.Objects;

/** A part of an upload session that has been encrypted and staged: the blocks that hold it, in order. */
public record UploadPart(TenantId tenantId, AssetId uploadId, int number, long length, List<String> blockIds) {
    public UploadPart {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(uploadId, "uploadId");
        blockIds = List.copyOf(blockIds);
    }
}
