package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.CancellationStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link CancellationStore} adapter must do. */
public abstract class CancellationStoreContract {
    private final TenantId tenant = TenantId.of("cx-" + UUID.randomUUID().toString().substring(0, 8));
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected abstract CancellationStore store();

    private Cancellation requested() {
        return Cancellation.requested(tenant, UUID.randomUUID().toString(), 30, Optional.of("ticket 9"), true,
                "platform-admin", now);
    }

    @Test
    void keepsEveryFieldThroughCreateAndReplace() {
        Cancellation created = store().create(requested());
        Cancellation grace = store().replace(created.exporting(ExportId.random(), now.plusSeconds(1))
                .inGrace(now.plusSeconds(2)));
        Cancellation sending = store().replace(grace.withPurge(grace.purge().sending(Optional.of(now))));
        assertEquals(sending, store().find(tenant).orElseThrow());
        grace = store().replace(sending.withPurge(sending.purge().sending(Optional.empty())));
        Cancellation purged = store().replace(grace.entering(Cancellation.State.PURGING, now.plusSeconds(3))
                .purgeQueued(now.plusSeconds(4))
                .withPurge(grace.purge().inventoried(Map.of("asset-documents", 3_000_000_000L, "exports", 0L),
                        "kek:1").keysDestroyed(now.plusSeconds(5)).certified("a.b.c")
                        .certificateSent(now.plusSeconds(6))).entering(Cancellation.State.PURGED, now.plusSeconds(7)));

        Cancellation found = store().find(tenant).orElseThrow();

        assertEquals(purged, found);
        assertEquals(5, found.enteredAt().size());
        assertEquals(3_000_000_000L, found.purge().inventory().orElseThrow().get("asset-documents"));
        assertNotEquals(created.version(), found.version());
    }

    @Test
    void aReplaceFromAStaleVersionIsRefusedAndChangesNothing() {
        Cancellation created = store().create(requested());
        Cancellation grace = store().replace(created.inGrace(now));

        assertThrows(PreconditionFailedException.class,
                () -> store().replace(created.entering(Cancellation.State.REVOKED, now)));
        assertEquals(grace, store().find(tenant).orElseThrow());
    }

    @Test
    void aTenantHasOneCancellationDocument() {
        store().create(requested());

        assertThrows(ConflictException.class, () -> store().create(requested()));
        assertTrue(store().find(TenantId.of("cx-none-" + UUID.randomUUID().toString().substring(0, 6))).isEmpty());
    }

    @Test
    void openListsOnlyCancellationsUnderWay() {
        Cancellation created = store().create(requested());
        assertTrue(store().open(1_000).stream().anyMatch(c -> c.tenantId().equals(tenant)));

        store().replace(created.entering(Cancellation.State.REVOKED, now));

        assertTrue(store().open(1_000).stream().noneMatch(c -> c.tenantId().equals(tenant)));
    }
}
