package com.strongroom.testing;

import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An asset for tests, with plausible defaults, so a test names only what it is about. */
public final class AssetTestData {
    private TenantId tenant = TenantId.of("acme");
    private AssetId id = AssetId.random();
    private String name = "file.pdf";
    private long size = 10;
    private List<String> subjectIndex = List.of();
    private Map<String, String> metadata = Map.of();
    private Optional<Asset.LegalHold> legalHold = Optional.empty();
    private Instant at = Instant.parse("2026-11-24T10:00:00Z");
    private String version = "";

    private AssetTestData() {
    }

    public static AssetTestData anAsset() {
        return new AssetTestData();
    }

    public AssetTestData of(TenantId owner) {
        this.tenant = owner;
        return this;
    }

    public AssetTestData id(AssetId assetId) {
        this.id = assetId;
        return this;
    }

    public AssetTestData named(String fileName) {
        this.name = fileName;
        return this;
    }

    public AssetTestData size(long bytes) {
        this.size = bytes;
        return this;
    }

    public AssetTestData subjectIndex(List<String> values) {
        this.subjectIndex = values;
        return this;
    }

    public AssetTestData metadata(Map<String, String> values) {
        this.metadata = values;
        return this;
    }

    public AssetTestData heldFor(String reason) {
        this.legalHold = Optional.of(new Asset.LegalHold(reason, "manager", at));
        return this;
    }

    public AssetTestData at(Instant time) {
        this.at = time;
        return this;
    }

    public AssetTestData version(String storeVersion) {
        this.version = storeVersion;
        return this;
    }

    public Asset build() {
        return new Asset(tenant, id, name, "application/pdf", size, "ab".repeat(32), 1, subjectIndex, metadata,
                legalHold, at, "uploader", at, Asset.State.ACTIVE, version);
    }

    /** {@code asset} as it was before the store gave it a version, to compare with what was created. */
    public static Asset unversioned(Asset asset) {
        return new Asset(asset.tenantId(), asset.id(), asset.name(), asset.contentType(), asset.size(), asset.sha256(),
                asset.formatVersion(), asset.subjectIndex(), asset.metadata(), asset.legalHold(), asset.createdAt(),
                asset.createdBy(), asset.updatedAt(), asset.state(), "");
    }
}
