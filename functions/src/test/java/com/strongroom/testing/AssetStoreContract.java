package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What every {@link AssetStore} adapter promises; one subclass per adapter. */
public abstract class AssetStoreContract {
    protected abstract AssetStore store();

    static TenantId tenant() {
        return TenantId.of("s-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static Asset asset(TenantId tenant, int minute, List<String> subjects) {
        Instant at = Instant.parse("2026-11-24T10:00:00Z").plus(minute, ChronoUnit.MINUTES);
        return AssetTestData.anAsset().of(tenant).named("file-" + minute + ".pdf").size(1000 + minute)
                .subjectIndex(subjects).metadata(Map.of("k", "v")).at(at).heldFor("case 1").build();
    }

    @Test
    void aCreatedAssetIsFoundWithEverythingItWasCreatedWith() {
        Asset asset = asset(tenant(), 0, List.of("aa", "bb"));
        store().create(asset);
        Asset found = store().find(asset.tenantId(), asset.id()).orElseThrow();
        assertEquals(asset.withChanges(asset.name(), asset.subjectIndex(), asset.metadata(), asset.legalHold(),
                asset.updatedAt()), AssetTestData.unversioned(found));
        assertTrue(store().find(tenant(), asset.id()).isEmpty(), "another tenant sees nothing");
        assertThrows(ConflictException.class, () -> store().create(asset));
    }

    @Test
    void aCreatedAssetComesBackWithTheVersionAReplaceNeeds() {
        Asset created = store().create(asset(tenant(), 0, List.of()).withState(Asset.State.UPLOADING));
        assertEquals(store().find(created.tenantId(), created.id()).orElseThrow().version(), created.version());
        Asset uploaded = store().replace(created.uploaded(5, "ab".repeat(32), created.createdAt()));
        assertTrue(store().find(created.tenantId(), created.id()).orElseThrow().visible());
        assertNotEquals(created.version(), uploaded.version());
    }

    @Test
    void halfDoneDeletesAndUploadsStartedBeforeTheCutOffAreFoundAcrossTenants() {
        Asset kept = store().create(asset(tenant(), 0, List.of()));
        Asset halfDeleted = store().create(asset(tenant(), 1, List.of()));
        store().replace(halfDeleted.withState(Asset.State.DELETING));
        Asset oldUpload = store().create(asset(tenant(), 2, List.of()).withState(Asset.State.UPLOADING));
        Asset youngUpload = store().create(asset(tenant(), 30, List.of()).withState(Asset.State.UPLOADING));
        Instant cutOff = Instant.parse("2026-11-24T10:10:00Z");

        List<AssetId> unfinished = store().unfinished(cutOff, 1000).stream().map(Asset::id).toList();
        assertTrue(unfinished.containsAll(List.of(halfDeleted.id(), oldUpload.id())), unfinished.toString());
        assertFalse(unfinished.contains(kept.id()), "a finished asset");
        assertFalse(unfinished.contains(youngUpload.id()), "an upload that may still be running");
        store().delete(halfDeleted.tenantId(), halfDeleted.id());
        store().delete(oldUpload.tenantId(), oldUpload.id());
        assertFalse(store().unfinished(cutOff, 1000).stream().map(Asset::id)
                .anyMatch(id -> id.equals(halfDeleted.id()) || id.equals(oldUpload.id())));
    }

    @Test
    void assetsOfASubjectAreWalkedInIdOrderInEveryStateWithinTheirTenant() {
        TenantId tenant = tenant();
        List<Asset> tagged = new ArrayList<>();
        for (int minute = 0; minute < 7; minute++) {
            tagged.add(store().create(asset(tenant, minute, List.of(minute % 2 == 0 ? "jane" : "jo", "x" + minute))));
        }
        store().create(asset(tenant, 8, List.of("someone-else")));
        store().create(asset(tenant(), 9, List.of("jane")));
        Asset uploading = store().create(asset(tenant, 10, List.of("jane")).withState(Asset.State.UPLOADING));
        tagged.add(uploading);
        List<String> expected = tagged.stream().map(a -> a.id().value()).sorted().toList();

        List<String> walked = new ArrayList<>();
        Optional<AssetId> after = Optional.empty();
        List<Asset> chunk;
        do {
            chunk = store().concerning(tenant, List.of("jane", "jo"), after, 3);
            assertTrue(chunk.size() <= 3);
            chunk.forEach(a -> walked.add(a.id().value()));
            after = chunk.isEmpty() ? after : Optional.of(chunk.get(chunk.size() - 1).id());
        } while (chunk.size() == 3);
        assertEquals(expected, walked);
        assertEquals(List.of(), store().concerning(tenant, List.of(), Optional.empty(), 10));
        assertEquals(3, store().concerning(tenant, List.of("jo"), Optional.empty(), 10).size(), "minutes 1, 3, 5");
    }

    @Test
    void anUploadUnderWayIsNotListed() {
        TenantId tenant = tenant();
        store().create(asset(tenant, 0, List.of("s")).withState(Asset.State.UPLOADING));
        assertTrue(store().list(tenant, Optional.empty(), 10, Optional.empty()).assets().isEmpty());
        assertTrue(store().list(tenant, Optional.of("s"), 10, Optional.empty()).assets().isEmpty());
    }

    @Test
    void replaceAppliesOnlyToTheVersionRead() {
        Asset asset = asset(tenant(), 0, List.of());
        store().create(asset);
        Asset read = store().find(asset.tenantId(), asset.id()).orElseThrow();
        Asset renamed = store().replace(read.withChanges("renamed.pdf", List.of("cc"), Map.of(), Optional.empty(),
                read.updatedAt()));
        assertNotEquals(read.version(), renamed.version());
        assertEquals("renamed.pdf", store().find(asset.tenantId(), asset.id()).orElseThrow().name());
        assertThrows(PreconditionFailedException.class, () -> store().replace(read.withState(Asset.State.DELETING)));
        store().delete(asset.tenantId(), asset.id());
        assertThrows(PreconditionFailedException.class, () -> store().replace(renamed));
        store().delete(asset.tenantId(), asset.id());
    }

    @Test
    void listingShowsActiveAssetsOldestFirstFilteredBySubjectInPages() {
        TenantId tenant = tenant();
        List<AssetId> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Asset a = asset(tenant, i, i % 2 == 0 ? List.of("even") : List.of("odd"));
            store().create(a);
            expected.add(a.id());
        }
        Asset hidden = asset(tenant, 9, List.of("even")).withState(Asset.State.DELETING);
        store().create(hidden);
        store().create(asset(tenant(), 0, List.of("even")));

        List<AssetId> seen = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        do {
            AssetStore.Page page = store().list(tenant, Optional.empty(), 2, continuation);
            page.assets().forEach(a -> seen.add(a.id()));
            continuation = page.continuation();
        } while (continuation.isPresent());
        assertEquals(expected, seen);
        assertEquals(List.of(expected.get(0), expected.get(2), expected.get(4)),
                store().list(tenant, Optional.of("even"), 10, Optional.empty()).assets().stream().map(Asset::id).toList());
        assertEquals(List.of(), store().list(tenant, Optional.of("none"), 10, Optional.empty()).assets());
    }
}
