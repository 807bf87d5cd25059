package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.audit.ChainLink;
import com.strongroom.core.audit.ChainedEvent;
import com.strongroom.core.port.AuditLog;
import java.util.List;
import java.util.Set;

/** Assertions on audit lanes as stored, shared by the trail's unit tests and the audit log's contract. */
public final class StoredLanes {
    private StoredLanes() {
    }

    /**
     * Asserts that a lane is one unbroken chain from genesis, each event matching its hash, with its head at its end;
     * adds each event's id to {@code seen}, failing on one seen before; returns the lane's events.
     */
    public static List<ChainedEvent> assertUnbroken(AuditLog log, String tenant, String chain, Set<String> seen) {
        List<ChainedEvent> events = log.chain(tenant, chain, 1, 10_000);
        ChainLink previous = ChainLink.GENESIS;
        for (ChainedEvent e : events) {
            assertEquals(previous.sequence() + 1, e.sequence(), chain);
            assertEquals(previous.hash(), e.prevHash(), chain + " link broken at " + e.sequence());
            assertTrue(e.hashMatchesContent(), chain + " altered at " + e.sequence());
            assertTrue(seen.add(e.event().id()), "stored twice: " + e.event().id());
            previous = e.link();
        }
        assertEquals(previous.sequence(), log.head(tenant, chain).map(ChainLink::sequence).orElse(0L), chain);
        return events;
    }
}
