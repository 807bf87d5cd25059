package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ErasureLedger;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What every {@link ErasureLedger} adapter promises; one subclass per adapter, each with a ledger of its own. */
public abstract class ErasureLedgerContract {
    protected abstract ErasureLedger ledger();

    static ErasureLedger.Entry entry(TenantId tenant, Optional<String> dekId, int second) {
        return new ErasureLedger.Entry(tenant, AssetId.random(), dekId, ErasureId.random(),
                Instant.parse("2026-11-30T10:00:00Z").plusSeconds(second));
    }

    @Test
    void everyAppendedEntryIsReadBackInOrder() {
        TenantId tenant = TenantId.of("l-" + UUID.randomUUID().toString().substring(0, 8));
        List<ErasureLedger.Entry> first = List.of(entry(tenant, Optional.of("dek:0011"), 1),
                entry(tenant, Optional.empty(), 2));
        List<ErasureLedger.Entry> second = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            second.add(entry(tenant, Optional.of("dek:" + i), 3 + i));
        }
        ledger().append(first);
        ledger().append(List.of());
        ledger().append(second);
        List<ErasureLedger.Entry> read = new ArrayList<>();
        ledger().forEach(e -> {
            if (e.tenantId().equals(tenant)) {
                read.add(e);
            }
        });
        List<ErasureLedger.Entry> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(all, read);
        assertTrue(read.get(1).dekId().isEmpty(), "an entry without a DEK id stays without one");
    }
}
