package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ExportStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ExportStore} adapter must do. */
public abstract class ExportStoreContract {
    private final TenantId tenant = TenantId.of("ex-" + UUID.randomUUID().toString().substring(0, 8));
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected abstract ExportStore store();

    private Export queued(Instant at) {
        return Export.queued(tenant, ExportId.random(), "admin-1", at, at.plus(Duration.ofDays(7)));
    }

    @Test
    void keepsEveryFieldThroughCreateAndReplace() {
        Export created = store().create(queued(now));
        Export running = store().replace(created.running(now.plusSeconds(1)).progressed(
                new Export.Progress(3, 10, 4_000_000_000L, 2, 0xFFFF_FFFFL), now.plusSeconds(2)));
        Export ready = store().replace(running.ready(new Export.Package(5_000_000_000L, 1_200, 10, 4_900_000_000L),
                4_800_000_000L, now.plusSeconds(3)));

        Export found = store().find(tenant, created.id()).orElseThrow();

        assertEquals(ready, found);
        assertEquals(Export.State.READY, found.state());
        assertEquals(0xFFFF_FFFFL, found.progress().stagedChecksum());
        assertEquals(new Export.Package(5_000_000_000L, 1_200, 10, 4_900_000_000L), found.content().orElseThrow());
        assertNotEquals(created.version(), found.version());
    }

    @Test
    void aReplaceFromAStaleVersionIsRefusedAndChangesNothing() {
        Export created = store().create(queued(now));
        Export moved = store().replace(created.running(now));

        assertThrows(PreconditionFailedException.class, () -> store().replace(created.failed("x", now)));
        assertEquals(moved, store().find(tenant, created.id()).orElseThrow());
    }

    @Test
    void anIdIsCreatedOnce() {
        Export created = store().create(queued(now));

        assertThrows(ConflictException.class, () -> store().create(created));
    }

    @Test
    void anotherTenantsIdFindsNothing() {
        Export created = store().create(queued(now));

        assertEquals(Optional.empty(), store().find(TenantId.of("someone-else"), created.id()));
        assertEquals(Optional.empty(), store().find(tenant, ExportId.random()));
    }

    @Test
    void listsATenantsExportsNewestFirstUpToTheLimit() {
        Export older = store().create(queued(now.minusSeconds(20)));
        Export newer = store().create(queued(now.minusSeconds(10)));
        Export newest = store().create(queued(now));

        assertEquals(List.of(newest.id(), newer.id(), older.id()),
                store().list(tenant, 10).stream().map(Export::id).toList());
        assertEquals(List.of(newest.id(), newer.id()), store().list(tenant, 2).stream().map(Export::id).toList());
    }

    @Test
    void findsTheExportsDueForExpiryButNotThoseAlreadyExpiredOrStillValid() {
        Export due = store().create(Export.queued(tenant, ExportId.random(), "a", now.minus(Duration.ofDays(8)),
                now.minus(Duration.ofDays(1))));
        Export done = store().create(Export.queued(tenant, ExportId.random(), "a", now.minus(Duration.ofDays(8)),
                now.minus(Duration.ofDays(1))));
        store().replace(done.expired(now));
        Export valid = store().create(queued(now));

        List<ExportId> found = store().expiredBy(now, 1000).stream().map(Export::id).toList();

        assertTrue(found.contains(due.id()));
        assertTrue(!found.contains(done.id()) && !found.contains(valid.id()));
    }
}
