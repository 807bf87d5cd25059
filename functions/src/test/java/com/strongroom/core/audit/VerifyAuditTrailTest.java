package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.audit.VerifyAuditTrail.Finding;
import com.strongroom.core.audit.VerifyAuditTrail.Kind;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Region;
import com.strongroom.core.port.AuditLog;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every way of rewriting a stored chain is reported with its position; expiry is not. */
class VerifyAuditTrailTest {
    static final String T = AuditTrailFixture.TENANT;

    @TempDir
    Path keys;
    @TempDir
    Path otherKeys;
    AuditTrailFixture f;

    @BeforeEach
    void twelveEventsWithCheckpointsAtFiveAndTen() {
        f = new AuditTrailFixture(keys);
        f.recordAccessEvents(12);
    }

    private static List<Finding> findings(VerifyAuditTrail.ChainReport report) {
        return report.findings();
    }

    private static AuditEvent withActor(AuditEvent e, String actor) {
        return new AuditEvent(e.id(), e.tenantId(), e.at(), actor, e.role(), e.action(), e.target(), e.purpose(),
                e.grantId(), e.ticket(), e.outcome(), e.requestId(), e.eventClass());
    }

    @Test
    void anUntouchedTrailIsIntactAndAnchoredAtGenesis() {
        VerifyAuditTrail.Report report = f.verifier.verify(T, AuditTrailFixture.BEGAN, Optional.empty(), Optional.empty());
        assertTrue(report.intact());
        VerifyAuditTrail.ChainReport access = f.verifyAccess();
        assertEquals("genesis", access.anchor());
        assertEquals(12, access.eventsChecked());
        assertEquals(2, access.checkpointsVerified());
        assertEquals(1, access.firstSequence());
        assertEquals(12, access.lastSequence());
    }

    @Test
    void anEditedEventIsReportedAtItsPosition() {
        ChainedEvent seventh = f.stored(7);
        f.log.overwrite(T, "access", 7, new ChainedEvent(withActor(seventh.event(), "someone-else"), "access", 7,
                seventh.prevHash(), seventh.hash()));
        assertEquals(List.of(new Finding("access", 7, Kind.ALTERED, "the stored event does not match its hash")),
                findings(f.verifyAccess()));
        assertFalse(f.verifier.verify(T, AuditTrailFixture.BEGAN, Optional.empty(), Optional.empty()).intact());
    }

    @Test
    void anEditedEventWithARecomputedHashBreaksTheNextLink() {
        ChainedEvent seventh = f.stored(7);
        ChainedEvent forged = ChainedEvent.after(new ChainLink(6, seventh.prevHash()),
                withActor(seventh.event(), "someone-else"));
        f.log.overwrite(T, "access", 7, forged);
        List<Finding> found = findings(f.verifyAccess());
        assertEquals(1, found.size(), found.toString());
        assertEquals(8, found.get(0).sequence());
        assertEquals(Kind.BROKEN_LINK, found.get(0).kind());
    }

    @Test
    void aConsistentlyRewrittenTailIsCaughtByTheSignedCheckpoint() {
        ChainLink tail = f.stored(6).link();
        for (long sequence = 7; sequence <= 12; sequence++) {
            ChainedEvent rewritten = ChainedEvent.after(tail, withActor(f.stored(sequence).event(), "rewritten"));
            f.log.overwrite(T, "access", sequence, rewritten);
            tail = rewritten.link();
        }
        List<Finding> found = findings(f.verifyAccess());
        assertEquals(1, found.size(), found.toString());
        assertEquals(new Finding("access", 10, Kind.CHECKPOINT_MISMATCH,
                "the chain differs from what was signed at this position"), found.get(0));
    }

    @Test
    void aDeletedEventIsReportedAsAGapAtItsPosition() {
        f.log.remove(T, "access", 4);
        List<Finding> found = findings(f.verifyAccess());
        assertEquals(1, found.size(), found.toString());
        assertEquals(4, found.get(0).sequence());
        assertEquals(Kind.MISSING, found.get(0).kind());
    }

    @Test
    void reorderedEventsAreReportedAtBothPositions() {
        ChainedEvent third = f.stored(3);
        ChainedEvent fourth = f.stored(4);
        f.log.overwrite(T, "access", 3, new ChainedEvent(fourth.event(), "access", 3, fourth.prevHash(), fourth.hash()));
        f.log.overwrite(T, "access", 4, new ChainedEvent(third.event(), "access", 4, third.prevHash(), third.hash()));
        List<Finding> found = findings(f.verifyAccess());
        assertTrue(found.contains(new Finding("access", 3, Kind.ALTERED, "the stored event does not match its hash")));
        assertTrue(found.contains(new Finding("access", 4, Kind.ALTERED, "the stored event does not match its hash")));
    }

    @Test
    void removedLatestEventsAreReportedAsTruncation() {
        f.log.remove(T, "access", 12);
        f.log.remove(T, "access", 11);
        assertEquals(List.of(new Finding("access", 11, Kind.TRUNCATED,
                "events up to 12 were appended but are no longer stored")), findings(f.verifyAccess()));
    }

    @Test
    void truncationBelowASignedCheckpointIsReportedEvenIfTheHeadIsRewound() {
        for (long sequence = 12; sequence >= 9; sequence--) {
            f.log.remove(T, "access", sequence);
        }
        List<Finding> found = findings(f.verifyAccess());
        assertTrue(found.stream().anyMatch(x -> x.kind() == Kind.TRUNCATED && x.sequence() == 9), found.toString());
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsForged() {
        AuditTrailFixture impostor = new AuditTrailFixture(JwsCheckpointSigner.local(otherKeys));
        Checkpoint claim = new Checkpoint(T, "access", 12, "0".repeat(64), Instant.now(), Instant.now());
        f.checkpoints.plant(T + "/access/000000000012-1.jws", impostor.signer.sign(claim));
        f.checkpoints.plant(T + "/access/000000000012-2.jws", "not a jws at all");
        List<Finding> found = findings(f.verifyAccess());
        assertEquals(2, found.stream().filter(x -> x.kind() == Kind.FORGED_CHECKPOINT).count(), found.toString());
        assertEquals(2, found.size());
    }

    @Test
    void aCheckpointOfAnotherTenantOrChainCannotBeReplayedHere() {
        Checkpoint otherTenant = new Checkpoint("globex", "access", 3, f.stored(3).hash(), Instant.now(), Instant.now());
        Checkpoint otherChain = new Checkpoint(T, "admin", 3, f.stored(3).hash(), Instant.now(), Instant.now());
        f.checkpoints.plant(T + "/access/000000000003-1.jws", f.signer.sign(otherTenant));
        f.checkpoints.plant(T + "/access/000000000003-2.jws", f.signer.sign(otherChain));
        assertEquals(2, findings(f.verifyAccess()).stream().filter(x -> x.kind() == Kind.FORGED_CHECKPOINT).count());
    }

    @Test
    void expiredEventsAreNotFindingsAndTheStartIsAnchoredByACheckpoint() {
        f.clock.advance(Duration.ofDays(15));
        for (long sequence = 1; sequence <= 5; sequence++) {
            f.log.remove(T, "access", sequence);
        }
        VerifyAuditTrail.ChainReport access = f.verifyAccess();
        assertEquals(List.of(), access.findings());
        assertEquals("checkpoint", access.anchor());
        assertEquals(6, access.firstSequence());

        f.log.remove(T, "access", 6);
        assertEquals(List.of(), f.verifyAccess().findings());
        assertEquals("expired", f.verifyAccess().anchor());
    }

    @Test
    void theFirstEventAfterACheckpointMustFollowIt() {
        f.clock.advance(Duration.ofDays(15));
        for (long sequence = 1; sequence <= 5; sequence++) {
            f.log.remove(T, "access", sequence);
        }
        ChainedEvent sixth = f.stored(6);
        f.log.overwrite(T, "access", 6, ChainedEvent.after(new ChainLink(5, "1".repeat(64)), sixth.event()));
        assertTrue(findings(f.verifyAccess()).stream()
                .anyMatch(x -> x.kind() == Kind.BROKEN_LINK && x.sequence() == 6));
    }

    @Test
    void eventsDeletedBeforeTheirRetentionEndedAreMissingNotExpired() {
        f.clock.advance(Duration.ofDays(13));
        for (long sequence = 1; sequence <= 5; sequence++) {
            f.log.remove(T, "access", sequence);
        }
        assertEquals(List.of(new Finding("access", 5, Kind.MISSING,
                "the signed event at this position is gone before its retention ended")), findings(f.verifyAccess()));
    }

    /** Once TTL has expired every event of a chain, its checkpoints and head name events that expired, not cut ones. */
    @Test
    void aChainWhoseEventsHaveAllExpiredIsIntact() {
        f.clock.advance(Duration.ofDays(15));
        for (long sequence = 1; sequence <= 12; sequence++) {
            f.log.remove(T, "access", sequence);
        }
        assertEquals(List.of(), findings(f.verifyAccess()));
    }

    @Test
    void aChainEmptiedBeforeItsEventsCouldExpireIsTruncated() {
        f.clock.advance(Duration.ofDays(1));
        for (long sequence = 1; sequence <= 12; sequence++) {
            f.log.remove(T, "access", sequence);
        }
        List<Finding> found = findings(f.verifyAccess());
        assertTrue(found.stream().anyMatch(x -> x.kind() == Kind.TRUNCATED), found.toString());
    }

    /** The head is read before the events: an append while the chain is read is not taken for a truncation. */
    @Test
    void anAppendWhileTheChainIsReadIsNotATruncation() {
        boolean[] appended = {false};
        AuditLog appendingMidway = (AuditLog) Proxy.newProxyInstance(AuditLog.class.getClassLoader(),
                new Class<?>[] {AuditLog.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(f.log, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("chain") && !appended[0]) {
                        appended[0] = true;
                        f.recordAccessEvents(1);
                    }
                    return result;
                });
        VerifyAuditTrail verifier = new VerifyAuditTrail(Identities.accessControl(Region.WEST_EUROPE,
                new InMemoryTenantStore(), InMemoryGrantStore.noGrants(f.clock), new AuditRecorder(f.trail, f.clock)),
                appendingMidway, f.checkpoints, f.signer, AuditTrailFixture.RETENTION, 1, f.clock);
        VerifyAuditTrail.ChainReport access = verifier.verify(T, AuditTrailFixture.BEGAN, Optional.empty(),
                Optional.empty()).chains().stream().filter(c -> c.chain().equals("access")).findFirst().orElseThrow();
        assertTrue(appended[0]);
        assertEquals(List.of(), access.findings());
    }

    /** Events cut from a chain's start before anything could have expired are not "expired": they are missing. */
    @Test
    void eventsCutFromTheStartBeforeAnythingCouldExpireAreMissing() {
        for (long sequence = 1; sequence <= 3; sequence++) {
            f.log.remove(T, "access", sequence);
        }
        VerifyAuditTrail.ChainReport access = f.verifyAccess();
        assertEquals("none", access.anchor());
        assertEquals(List.of(new Finding("access", 1, Kind.MISSING,
                "events 1 to 3 are gone, and none of this chain can have expired yet")), findings(access));
    }

    /** A range filters what the report counts, never what is checked: a forger would move the event's time. */
    @Test
    void anEventEditedWithItsTimeMovedOutOfTheRangeIsStillFound() {
        Instant from = f.stored(4).event().at();
        Instant to = f.stored(8).event().at();
        ChainedEvent ninth = f.stored(9);
        AuditEvent e = ninth.event();
        AuditEvent moved = new AuditEvent(e.id(), e.tenantId(), to.plus(Duration.ofDays(1)), "someone-innocent",
                e.role(), e.action(), e.target(), e.purpose(), e.grantId(), e.ticket(), e.outcome(), e.requestId(),
                e.eventClass());
        f.log.overwrite(T, "access", 9, new ChainedEvent(moved, ninth.chain(), ninth.sequence(), ninth.prevHash(),
                ninth.hash()));
        VerifyAuditTrail.Report report = f.verifier.verify(T, AuditTrailFixture.BEGAN, Optional.of(from),
                Optional.of(to));
        assertFalse(report.intact());
        assertTrue(findings(report.chains().get(0)).stream()
                .anyMatch(x -> x.kind() == Kind.ALTERED && x.sequence() == 9));
    }

    /** Verification reads a chain batch by batch (1,000 events), so a long chain costs time, not memory. */
    @Test
    void aChainLongerThanOneBatchIsVerifiedAcrossBatchBoundaries() {
        f.recordAccessEvents(2488);
        assertEquals(List.of(), f.verifyAccess().findings());
        f.log.remove(T, "access", 1700);
        assertEquals(List.of(new Finding("access", 1700, Kind.MISSING, "events 1700 to 1700 are missing"),
                new Finding("access", 1700, Kind.MISSING, "the signed event at this position is gone before its "
                + "retention ended")), findings(f.verifyAccess()));
        assertEquals(2500, f.verifyAccess().lastSequence());
    }

    @Test
    void aRangeChecksOnlyTheEventsInIt() {
        Instant from = f.stored(4).event().at();
        Instant to = f.stored(8).event().at();
        VerifyAuditTrail.ChainReport access = f.verifier.verify(T, AuditTrailFixture.BEGAN, Optional.of(from), Optional.of(to)).chains().get(0);
        assertEquals(5, access.eventsChecked());
        assertEquals(List.of(), access.findings());
    }
}
