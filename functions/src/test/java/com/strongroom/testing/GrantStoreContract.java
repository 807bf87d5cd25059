package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.GrantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link GrantStore} adapter promises; one subclass per adapter. */
public abstract class GrantStoreContract {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    protected abstract GrantStore store();

    static TenantId tenant() {
        return TenantId.of("g-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A grant created {@code minute} minutes after T0, for a week. */
    public static ConsentGrant grant(TenantId tenant, String grantee, int minute, ConsentGrant.Scope scope) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new ConsentGrant(GrantId.random(), tenant, grantee, scope,
                Set.of(ConsentPermission.METADATA_READ, ConsentPermission.CONTENT_READ), "Preview fails \"again\"",
                "SUP-" + minute, at, "admin-1", at.plus(Duration.ofDays(7)), Optional.empty(), Optional.empty(),
                ConsentGrant.Status.ACTIVE, "");
    }

    private static ConsentGrant unversioned(ConsentGrant grant) {
        return grant.withVersion("");
    }

    @Test
    void aCreatedGrantIsFoundWithEverythingItWasCreatedWith() {
        TenantId tenant = tenant();
        ConsentGrant scoped = grant(tenant, "support-1", 0, ConsentGrant.Scope.assets(List.of(AssetId.random(),
                AssetId.random())));
        store().create(scoped);
        ConsentGrant found = store().find(tenant, scoped.id()).orElseThrow();
        assertEquals(scoped, unversioned(found));
        assertNotEquals("", found.version());
        assertTrue(store().find(tenant(), scoped.id()).isEmpty(), "another tenant sees nothing");
        assertThrows(ConflictException.class, () -> store().create(scoped));
    }

    @Test
    void replaceAppliesOnlyToTheVersionReadAndKeepsRevocationAndFirstUse() {
        TenantId tenant = tenant();
        ConsentGrant grant = grant(tenant, "support-1", 0, ConsentGrant.Scope.tenant());
        store().create(grant);
        ConsentGrant read = store().find(tenant, grant.id()).orElseThrow();
        ConsentGrant used = store().replace(read.firstUsed(T0.plusSeconds(5)));
        assertNotEquals(read.version(), used.version());
        assertThrows(PreconditionFailedException.class,
                () -> store().replace(read.revoked(new ConsentGrant.Revocation(T0.plusSeconds(6), "admin-2"))));
        ConsentGrant revoked = store().replace(used.revoked(new ConsentGrant.Revocation(T0.plusSeconds(6), "admin-2")));
        ConsentGrant stored = store().find(tenant, grant.id()).orElseThrow();
        assertEquals(revoked.version(), stored.version());
        assertEquals(Optional.of(T0.plusSeconds(5)), stored.firstUsedAt());
        assertEquals(Optional.of(new ConsentGrant.Revocation(T0.plusSeconds(6), "admin-2")), stored.revocation());
        assertEquals(ConsentGrant.Status.REVOKED, stored.recorded());
    }

    @Test
    void aGranteesGrantsAreFoundInTheirTenantOnly() {
        TenantId tenant = tenant();
        ConsentGrant first = grant(tenant, "support-1", 0, ConsentGrant.Scope.tenant());
        ConsentGrant second = grant(tenant, "support-1", 1, ConsentGrant.Scope.assets(List.of(AssetId.random())));
        store().create(first);
        store().create(second);
        store().create(grant(tenant, "support-2", 2, ConsentGrant.Scope.tenant()));
        store().create(grant(tenant(), "support-1", 3, ConsentGrant.Scope.tenant()));
        assertEquals(Set.of(first, second), Set.copyOf(store().forGrantee(tenant, "support-1").stream()
                .map(GrantStoreContract::unversioned).toList()));
        assertEquals(List.of(), store().forGrantee(tenant, "support-9"));
    }

    @Test
    void aTenantsGrantsAreListedNewestFirstPageByPage() {
        TenantId tenant = tenant();
        List<ConsentGrant> created = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            ConsentGrant grant = grant(tenant, "support-" + minute, minute, ConsentGrant.Scope.tenant());
            store().create(grant);
            created.add(0, grant);
        }
        store().create(grant(tenant(), "support-1", 9, ConsentGrant.Scope.tenant()));
        List<ConsentGrant> listed = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        do {
            GrantStore.Page page = store().list(tenant, 2, continuation);
            assertTrue(page.grants().size() <= 2);
            page.grants().forEach(g -> listed.add(unversioned(g)));
            continuation = page.continuation();
        } while (continuation.isPresent());
        assertEquals(created, listed);
    }

    @Test
    void theSweepFindsGrantsStillRecordedActiveWhoseTimeRanOut() {
        TenantId tenant = tenant();
        ConsentGrant ended = grant(tenant, "support-1", 0, ConsentGrant.Scope.tenant());
        ConsentGrant later = grant(tenant, "support-1", 60 * 24 * 3, ConsentGrant.Scope.tenant());
        ConsentGrant revoked = grant(tenant, "support-2", 0, ConsentGrant.Scope.tenant())
                .revoked(new ConsentGrant.Revocation(T0.plusSeconds(1), "admin-1"));
        store().create(ended);
        store().create(later);
        store().create(revoked);
        Instant now = ended.expiresAt();
        List<ConsentGrant> due = store().recordedActiveExpiredBy(now, 1000).stream()
                .filter(g -> g.tenantId().equals(tenant)).toList();
        assertEquals(List.of(ended), due.stream().map(GrantStoreContract::unversioned).toList());
        store().replace(due.get(0).expired());
        assertTrue(store().recordedActiveExpiredBy(now, 1000).stream().noneMatch(g -> g.tenantId().equals(tenant)));
    }
}
