package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ErasureStore;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What every {@link ErasureStore} adapter promises; one subclass per adapter. */
public abstract class ErasureStoreContract {
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    protected abstract ErasureStore store();

    static TenantId tenant() {
        return TenantId.of("e-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static ErasureRequest request(TenantId tenant, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return ErasureRequest.received(tenant, ErasureId.random(), List.of("a1b2", "c3d4"), "Art. 17 \"by mail\"",
                Optional.of("DSR-" + minute), at.minus(Duration.ofDays(3)), "manager-1", at,
                List.of(AssetId.random(), AssetId.random()));
    }

    @Test
    void aCreatedRequestIsFoundWithEverythingItWasCreatedWith() {
        TenantId tenant = tenant();
        ErasureRequest created = store().create(request(tenant, 0));
        assertNotEquals("", created.version());
        assertEquals(created, store().find(tenant, created.id()).orElseThrow());
        assertTrue(store().find(tenant(), created.id()).isEmpty(), "another tenant's id is not found");
        assertThrows(ConflictException.class, () -> store().create(created.withVersion("")));
    }

    @Test
    void aReplaceOfAnOlderVersionFailsAndChangesNothing() {
        TenantId tenant = tenant();
        ErasureRequest created = store().create(request(tenant, 0));
        ErasureRequest approved = store().replace(created.approved(new ErasureRequest.Decision("manager-2",
                T0.plusSeconds(5))));
        assertNotEquals(created.version(), approved.version());
        assertThrows(PreconditionFailedException.class, () -> store().replace(created.cancelled(
                new ErasureRequest.Decision("manager-3", T0.plusSeconds(6)))));
        ErasureRequest stored = store().find(tenant, created.id()).orElseThrow();
        assertEquals(ErasureRequest.State.APPROVED, stored.state());
        ErasureRequest done = store().replace(stored.running(T0.plusSeconds(7)).extended(new ErasureRequest.Extension(
                1, "complex", "manager-1", T0.plusSeconds(8))).completed(new ErasureRequest.Completion(
                T0.plusSeconds(9), T0.plus(Duration.ofDays(30)), "ab".repeat(32))));
        assertEquals(done, store().find(tenant, created.id()).orElseThrow(), "every field survives the round trip");
        ErasureRequest failed = store().replace(done.failed(new ErasureRequest.Failure("ledger", "X", T0)));
        assertEquals(failed, store().find(tenant, created.id()).orElseThrow());
    }

    @Test
    void listsNewestFirstOnePageAtATimeOptionallyInOneState() {
        TenantId tenant = tenant();
        List<ErasureRequest> created = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            created.add(store().create(request(tenant, minute)));
        }
        store().create(request(tenant(), 9));
        ErasureRequest approved = store().replace(created.get(2).approved(new ErasureRequest.Decision("m", T0)));
        List<ErasureId> seen = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        do {
            ErasureStore.Page page = store().list(tenant, Optional.empty(), 2, continuation);
            assertTrue(page.requests().size() <= 2);
            page.requests().forEach(r -> seen.add(r.id()));
            continuation = page.continuation();
        } while (continuation.isPresent());
        List<ErasureId> newestFirst = new ArrayList<>(created.stream().map(ErasureRequest::id).toList());
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        assertEquals(List.of(approved.id()), store().list(tenant, Optional.of(ErasureRequest.State.APPROVED), 10,
                Optional.empty()).requests().stream().map(ErasureRequest::id).toList());
    }

    @Test
    void itemsAreReplacedPerAssetAndListedByAssetId() {
        TenantId tenant = tenant();
        ErasureRequest request = store().create(request(tenant, 0));
        AssetId first = AssetId.of("00000000-0000-4000-8000-000000000001");
        AssetId second = AssetId.of("00000000-0000-4000-8000-000000000002");
        ErasureItem pending = new ErasureItem(tenant, request.id(), second, ErasureItem.Outcome.PENDING, 42,
                Optional.of("dek:00ff"), Optional.empty(), true, T0);
        store().putItems(List.of(pending));
        store().putItems(List.of(pending.erased(T0.plusSeconds(1))));
        ErasureItem held = new ErasureItem(tenant, request.id(), first, ErasureItem.Outcome.RETAINED, 7,
                Optional.empty(), Optional.of("litigation"), false, T0);
        store().putItems(List.of(held));
        assertEquals(List.of(held, pending.erased(T0.plusSeconds(1))), store().items(tenant, request.id()));
        assertEquals(Optional.of(held), store().item(tenant, request.id(), first));
        assertTrue(store().item(tenant, request.id(), AssetId.random()).isEmpty());
        assertEquals(List.of(request.id()), store().retaining(tenant, first));
        assertEquals(List.of(), store().retaining(tenant, second));
        assertEquals(List.of(), store().items(tenant(), request.id()), "another tenant sees none");
    }

    @Test
    void aBatchOfItemsIsWrittenTogetherAndReplacesEarlierOnes() {
        TenantId tenant = tenant();
        ErasureRequest request = store().create(request(tenant, 0));
        List<ErasureItem> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(new ErasureItem(tenant, request.id(), AssetId.random(), ErasureItem.Outcome.PENDING, i,
                    Optional.of("dek:" + i), Optional.empty(), i % 2 == 0, T0));
        }
        store().putItems(batch);
        store().putItems(List.of());
        store().putItems(batch.subList(0, 10).stream().map(i -> i.erased(T0.plusSeconds(1))).toList());
        List<ErasureItem> stored = store().items(tenant, request.id());
        assertEquals(100, stored.size());
        assertEquals(10, stored.stream().filter(i -> i.outcome() == ErasureItem.Outcome.ERASED).count());
        assertTrue(stored.containsAll(batch.subList(10, 100)));
    }

    @Test
    void approvedRequestsAreFoundOnceTheirApprovalIsOlderThanAsked() {
        TenantId tenant = tenant();
        ErasureRequest approved = store().replace(store().create(request(tenant, 0))
                .approved(new ErasureRequest.Decision("m", T0)));
        ErasureRequest waiting = store().create(request(tenant, 1));
        assertTrue(store().approvedBefore(T0, 1000).stream().noneMatch(r -> r.id().equals(approved.id())));
        List<ErasureId> found = store().approvedBefore(T0.plusSeconds(1), 1000).stream().map(ErasureRequest::id)
                .toList();
        assertTrue(found.contains(approved.id()) && !found.contains(waiting.id()), found.toString());
        store().replace(approved.running(T0.plusSeconds(2)));
        assertTrue(store().approvedBefore(T0.plusSeconds(60), 1000).stream()
                .noneMatch(r -> r.id().equals(approved.id())), "a started request is not stalled");
    }

    @Test
    void completedRequestsAreFoundOnceTheirBackupsAreGone() {
        TenantId tenant = tenant();
        ErasureRequest created = store().create(request(tenant, 0));
        Instant after = Instant.parse("2027-01-01T00:00:00Z");
        ErasureRequest done = store().replace(created.approved(new ErasureRequest.Decision("m", T0))
                .running(T0).completed(new ErasureRequest.Completion(T0, after, "cd".repeat(32))));
        assertTrue(store().completedIrrecoverableBy(after.minusSeconds(1), 1000).stream()
                .noneMatch(r -> r.id().equals(done.id())));
        assertTrue(store().completedIrrecoverableBy(after, 1000).stream().anyMatch(r -> r.id().equals(done.id())));
        store().replace(done.irrecoverable(after));
        assertTrue(store().completedIrrecoverableBy(after.plusSeconds(60), 1000).stream()
                .noneMatch(r -> r.id().equals(done.id())));
    }
}
