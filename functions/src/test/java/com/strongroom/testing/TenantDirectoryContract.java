package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ConflictException;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDirectory;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** What every {@link TenantDirectory} adapter promises; one subclass per adapter. */
public abstract class TenantDirectoryContract {
    protected abstract TenantDirectory directory();

    static EntraTenantId newEntraTenant() {
        return EntraTenantId.of(UUID.randomUUID().toString());
    }

    static DirectoryEntry entry(EntraTenantId entraTenant, String tenant, Region region) {
        return new DirectoryEntry(entraTenant, TenantId.of(tenant), region);
    }

    @Test
    void anUnknownEntraTenantIsAbsent() {
        assertTrue(directory().find(newEntraTenant()).isEmpty());
    }

    @Test
    void aClaimIsFoundAndClaimingItAgainChangesNothing() {
        DirectoryEntry entry = entry(newEntraTenant(), "acme", Region.EAST_US);
        directory().claim(entry);
        directory().claim(entry);
        assertEquals(Optional.of(entry), directory().find(entry.entraTenant()));
    }

    @Test
    void anEntraTenantRegisteredOnOneTenantCannotBeClaimedForAnotherOrAnotherRegion() {
        EntraTenantId entraTenant = newEntraTenant();
        DirectoryEntry first = entry(entraTenant, "acme", Region.WEST_EUROPE);
        directory().claim(first);
        assertThrows(ConflictException.class, () -> directory().claim(entry(entraTenant, "globex", Region.WEST_EUROPE)));
        assertThrows(ConflictException.class, () -> directory().claim(entry(entraTenant, "acme", Region.EAST_US)));
        assertEquals(Optional.of(first), directory().find(entraTenant));
    }

    @Test
    void releaseRemovesOnlyTheSameEntry() {
        EntraTenantId entraTenant = newEntraTenant();
        DirectoryEntry entry = entry(entraTenant, "acme", Region.WEST_EUROPE);
        directory().claim(entry);
        directory().release(entry(entraTenant, "globex", Region.WEST_EUROPE));
        assertEquals(Optional.of(entry), directory().find(entraTenant));
        directory().release(entry);
        assertTrue(directory().find(entraTenant).isEmpty());
        directory().release(entry);
    }

    @Test
    void twoStampsRacingForOneEntraTenantLeaveExactlyOneWinner() throws Exception {
        EntraTenantId entraTenant = newEntraTenant();
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Boolean> west = race(start, entry(entraTenant, "acme", Region.WEST_EUROPE));
        CompletableFuture<Boolean> east = race(start, entry(entraTenant, "acme-us", Region.EAST_US));
        assertTrue(west.get() ^ east.get(), "exactly one claim wins");
        DirectoryEntry winner = directory().find(entraTenant).orElseThrow();
        assertEquals(west.get() ? Region.WEST_EUROPE : Region.EAST_US, winner.region());
    }

    private CompletableFuture<Boolean> race(CyclicBarrier start, DirectoryEntry entry) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                directory().claim(entry);
                return true;
            } catch (ConflictException e) {
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
