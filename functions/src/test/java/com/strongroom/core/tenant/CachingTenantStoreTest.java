package com.strongroom.core.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.TenantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TenantStoreContract;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

class CachingTenantStoreTest {
    private static final TenantId ACME = TenantId.of("acme");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final InMemoryTenantStore store = new InMemoryTenantStore();
    private final CachingTenantStore cached = new CachingTenantStore(store, Duration.ofSeconds(5), 100, clock);

    /** The same promises as every tenant store. */
    @Nested
    class Contract extends TenantStoreContract {
        private final CachingTenantStore contracted = new CachingTenantStore(new InMemoryTenantStore(),
                Duration.ofSeconds(5), 100, clock);

        @Override
        protected TenantStore store() {
            return contracted;
        }
    }

    private Tenant acme() {
        return new Tenant(ACME, "Acme", Region.WEST_EUROPE, Optional.empty(), clock.instant(), "platform",
                TenantStatus.ACTIVE, new TenantKeys("kek:1", 1, new byte[] {1}, new byte[] {2}));
    }

    @Test
    void aTenantReadIsKeptForTheTtlThenReadAgain() {
        store.create(acme());
        cached.find(ACME);
        int reads = store.reads();

        cached.find(ACME);
        clock.advance(Duration.ofSeconds(4));
        cached.find(ACME);
        assertEquals(reads, store.reads(), "within five seconds the tenant is not read again");

        clock.advance(Duration.ofSeconds(1));
        cached.find(ACME);
        assertEquals(reads + 1, store.reads());
    }

    @Test
    void aWriteThroughItIsSeenAtOnceAndAnotherWritersWithinTheTtl() {
        store.create(acme());
        cached.find(ACME);

        cached.changeStatus(ACME, TenantStatus.CANCELLING);
        assertEquals(TenantStatus.CANCELLING, cached.find(ACME).orElseThrow().status(), "its own write: at once");

        store.changeStatus(ACME, TenantStatus.PURGING);
        assertEquals(TenantStatus.CANCELLING, cached.find(ACME).orElseThrow().status(), "another instance's write");
        assertEquals(TenantStatus.PURGING, cached.fresh().find(ACME).orElseThrow().status());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(TenantStatus.PURGING, cached.find(ACME).orElseThrow().status(), "seen once the TTL is over");
    }

    @Test
    void aMissingTenantIsNotRemembered() {
        assertTrue(cached.find(ACME).isEmpty());

        store.create(acme());

        assertTrue(cached.find(ACME).isPresent(), "a tenant created elsewhere is found at once");
    }
}
