package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.audit.Checkpoint;
import com.strongroom.core.port.CheckpointStore;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link CheckpointStore} adapter promises; one subclass per adapter. */
public abstract class CheckpointStoreContract {
    protected abstract CheckpointStore store();

    private static Checkpoint checkpoint(String tenant, String chain, long sequence, long signedAtMillis) {
        return new Checkpoint(tenant, chain, sequence, "ab".repeat(32), Instant.parse("2026-11-24T10:00:00Z"),
                Instant.ofEpochMilli(signedAtMillis));
    }

    @Test
    void storedCheckpointsAreListedPerTenantAndChainWithTheirLatestPosition() {
        String tenant = "cp-" + UUID.randomUUID().toString().substring(0, 8);
        store().put(checkpoint(tenant, "access", 100, 1_000), "signed-100");
        store().put(checkpoint(tenant, "access", 7, 2_000), "signed-7");
        store().put(checkpoint(tenant, "admin", 3, 3_000), "signed-admin-3");
        store().put(checkpoint(tenant + "x", "access", 900, 4_000), "another tenant");

        List<String> access = store().list(tenant, "access").stream().map(CheckpointStore.Stored::signed).sorted().toList();
        assertEquals(List.of("signed-100", "signed-7"), access);
        assertEquals(OptionalLong.of(100), store().latestSequence(tenant, "access"));
        assertEquals(OptionalLong.of(3), store().latestSequence(tenant, "admin"));
        assertEquals(OptionalLong.empty(), store().latestSequence(tenant, "security"));
    }

    @Test
    void aCheckpointIsNeverOverwritten() {
        String tenant = "cp-" + UUID.randomUUID().toString().substring(0, 8);
        store().put(checkpoint(tenant, "access", 5, 1_000), "first");
        try {
            store().put(checkpoint(tenant, "access", 5, 1_000), "second");
        } catch (IllegalStateException refused) {
            // refusing loudly is as good as keeping the first quietly
        }
        assertEquals(List.of("first"), store().list(tenant, "access").stream().map(CheckpointStore.Stored::signed).toList());
    }
}
