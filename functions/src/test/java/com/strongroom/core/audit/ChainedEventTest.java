package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.AuditEvent.Outcome;
import com.strongroom.core.model.AuditEvent;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Known answers for the chain format of docs/formats.md, computed independently of this code. */
class ChainedEventTest {
    static final AuditEvent FIRST = new AuditEvent("evt-1", "acme", Instant.parse("2026-11-24T10:00:00Z"), "u-1",
            "Tenant.Admin", "tenant.read", "tenants/acme", Optional.empty(), Optional.empty(), Optional.empty(),
            Outcome.SUCCESS,
            "req-1", EventClass.ACCESS);
    static final AuditEvent SECOND = new AuditEvent("evt-2", "acme", Instant.parse("2026-11-24T10:00:01.5Z"),
            "support-7", "Support.Engineer", "asset.content.read", "assets/a1",
            Optional.of("Ticket \"42\": r\u00e9sum\u00e9\n\u0001"), Optional.of("g-9"), Optional.empty(), Outcome.SUCCESS, "req-2",
            EventClass.ACCESS);
    /** A support engineer's access under a consent grant: purpose, grant id and ticket are all hashed. */
    static final AuditEvent THIRD = new AuditEvent("evt-3", "acme", Instant.parse("2026-11-24T10:00:02Z"),
            "support-7", "Support.Engineer", "asset.read", "tenants/acme/assets/a1",
            Optional.of("Customer asked why the preview fails"), Optional.of("0b6f2a8e-4c1d-4f7a-9e3b-2d5c6a7b8c9d"),
            Optional.of("SUP-1042"), Outcome.SUCCESS, "req-3", EventClass.ACCESS);

    /** Refusals of unidentified callers from one source in one minute, after the first: the count is hashed. */
    static final AuditEvent REPEATED = new AuditEvent("evt-4", "_stamp", Instant.parse("2026-11-24T10:01:00Z"),
            "anonymous", "", "request.unauthenticated", "sources/203.0.113.0/24/minutes/2026-11-24T10:00:00Z",
            Optional.empty(), Optional.empty(), Optional.empty(), Outcome.DENIED, "req-4", EventClass.SECURITY,
            Optional.of(4999L));

    @Test
    void canonicalFormOfAnEventIsTheDocumentedOne() {
        assertEquals("{\"action\":\"tenant.read\",\"actor\":\"u-1\",\"at\":\"2026-11-24T10:00:00Z\",\"chain\":\"access\","
                        + "\"eventClass\":\"ACCESS\",\"eventId\":\"evt-1\",\"outcome\":\"SUCCESS\",\"requestId\":\"req-1\","
                        + "\"role\":\"Tenant.Admin\",\"sequence\":1,\"target\":\"tenants/acme\",\"tenantId\":\"acme\"}",
                new String(CanonicalJson.bytes(ChainedEvent.canonicalMembers(FIRST, "access", 1)), StandardCharsets.UTF_8));
    }

    /** The same event as the first lane 3's first: the lane's name is what is hashed as its chain. */
    @Test
    void anEventInALaneHashesItsLanesName() {
        ChainedEvent inLane = ChainedEvent.after(ChainLink.GENESIS, FIRST, ChainedEvent.laneOf(EventClass.ACCESS, 3));
        assertEquals("access.3", inLane.chain());
        assertEquals("2418177dbd86f3cdf5fcffba46aa6619c13b5f54745182c54b4b3343d46bb35a", inLane.hash());
        assertEquals("access", ChainedEvent.classChainOf(inLane.chain()));
        assertEquals(3, ChainedEvent.laneNumberOf(inLane.chain()));
        assertEquals(0, ChainedEvent.laneNumberOf("access"));
        assertThrows(IllegalArgumentException.class,
                () -> ChainedEvent.after(ChainLink.GENESIS, FIRST, ChainedEvent.laneOf(EventClass.ADMIN, 1)));
    }

    @Test
    void hashesChainFromGenesisAsDocumented() {
        ChainedEvent first = ChainedEvent.after(ChainLink.GENESIS, FIRST);
        assertEquals(1, first.sequence());
        assertEquals("0".repeat(64), first.prevHash());
        assertEquals("1bc6340ca9854afc622429e69dafca620c79452ea32643e276cfb609f02aa5b5", first.hash());

        ChainedEvent second = ChainedEvent.after(first.link(), SECOND);
        assertEquals(2, second.sequence());
        assertEquals(first.hash(), second.prevHash());
        assertEquals("aa29b7500ad096e2cc893215f0648a67800ace10e4748a0739b75d27290566a6", second.hash());

        ChainedEvent third = ChainedEvent.after(second.link(), THIRD);
        assertEquals("664e001c8a68d6b97e26299065685560149c660702a06fd0f02ab7c5d2f1a45b", third.hash());

        ChainedEvent repeated = ChainedEvent.after(ChainLink.GENESIS, REPEATED);
        assertEquals("security", repeated.chain());
        assertEquals("119b138abd0303d10815e3e988773d94e465a02496b6909866355b83a042829b", repeated.hash());
        assertNotEquals(repeated.hash(), ChainedEvent.after(ChainLink.GENESIS, new AuditEvent("evt-4", "_stamp",
                REPEATED.at(), "anonymous", "", REPEATED.action(), REPEATED.target(), Optional.empty(),
                Optional.empty(), Optional.empty(), Outcome.DENIED, "req-4", EventClass.SECURITY, Optional.of(1L)))
                .hash(), "the count is part of what is hashed");
    }

    @Test
    void anyChangeOfContentPositionOrPredecessorChangesTheHash() {
        ChainedEvent first = ChainedEvent.after(ChainLink.GENESIS, FIRST);
        assertTrue(first.hashMatchesContent());
        AuditEvent otherActor = new AuditEvent(FIRST.id(), FIRST.tenantId(), FIRST.at(), "u-2", FIRST.role(),
                FIRST.action(), FIRST.target(), FIRST.purpose(), FIRST.grantId(), FIRST.ticket(), FIRST.outcome(),
                FIRST.requestId(), FIRST.eventClass());
        assertFalse(new ChainedEvent(otherActor, "access", 1, first.prevHash(), first.hash()).hashMatchesContent());
        assertFalse(new ChainedEvent(FIRST, "access", 2, first.prevHash(), first.hash()).hashMatchesContent());
        assertFalse(new ChainedEvent(FIRST, "access", 1, "1".repeat(64), first.hash()).hashMatchesContent());
        assertNotEquals(first.hash(), ChainedEvent.after(new ChainLink(0, "1".repeat(64)), FIRST).hash());
    }

    @Test
    void eachRetentionClassHasItsOwnChain() {
        assertEquals("access", ChainedEvent.chainOf(EventClass.ACCESS));
        assertEquals("admin", ChainedEvent.chainOf(EventClass.ADMIN));
        assertEquals("security", ChainedEvent.chainOf(EventClass.SECURITY));
    }
}
