package com.strongroom.bench;

import com.azure.cosmos.CosmosDatabase;
import com.azure.storage.blob.BlobContainerClient;
import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.adapters.cosmos.CosmosDataKeyStore;
import com.strongroom.adapters.cosmos.CosmosTenantStore;
import com.strongroom.adapters.keys.LocalKeyFileKeyring;
import com.strongroom.core.asset.BlindIndex;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.testing.AssetTestData;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Writes assets as a finished upload leaves them: a DEK sealed under the TDK, the ciphertext, the document. */
final class AssetSeeder {
    private final CosmosAssetStore assets;
    private final CosmosTenantStore tenants;
    private final TenantKeyring keyring;
    private final BlobContainerClient blobs;

    AssetSeeder(CosmosDatabase db, BlobContainerClient blobs, Path keysDir) {
        Clock clock = Clock.systemUTC();
        this.assets = new CosmosAssetStore(() -> db.getContainer(CosmosAssetStore.CONTAINER));
        this.tenants = new CosmosTenantStore(() -> db.getContainer(CosmosTenantStore.CONTAINER));
        this.keyring = new TenantKeyring(new LocalKeyFileKeyring(keysDir),
                new CosmosDataKeyStore(() -> db.getContainer(CosmosDataKeyStore.CONTAINER), clock), tenants, clock,
                Duration.ofMinutes(10), 10);
        this.blobs = blobs;
    }

    /** Seeds {@code total} assets of which the first {@code tagged} concern the subject; returns those. */
    List<AssetId> seed(String tenantId, int total, int tagged, String subjectIdentifier) throws Exception {
        Tenant tenant = tenants.find(TenantId.of(tenantId)).orElseThrow();
        String subject = BlindIndex.of(keyring, tenant, List.of(subjectIdentifier)).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<AssetId>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            boolean concerns = i < tagged;
            int n = i;
            futures.add(pool.submit(() -> {
                AssetId id = AssetId.random();
                byte[] plaintext = ("file " + n + " of the benchmark").getBytes();
                byte[] dek = keyring.newDataKey(tenant, id, Optional.empty());
                byte[] stored = ContentFormat.encrypt(dek, id.value(), plaintext);
                blobs.getBlobClient(tenantId + "/" + id.value()).getBlockBlobClient()
                        .upload(new ByteArrayInputStream(stored), stored.length, true);
                Asset asset = AssetTestData.anAsset().of(tenant.id()).id(id).named("file-" + n + ".txt")
                        .size(plaintext.length).subjectIndex(concerns ? List.of(subject) : List.of("other-" + n))
                        .at(Instant.now()).build();
                assets.create(asset);
                return concerns ? id : null;
            }));
        }
        List<AssetId> concerning = new ArrayList<>();
        for (Future<AssetId> f : futures) {
            AssetId id = f.get();
            if (id != null) {
                concerning.add(id);
            }
        }
        pool.shutdown();
        return concerning;
    }
}
