package com.strongroom.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.AuditRetention;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.audit.Checkpointer;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.AuditLog;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryAuditLog;
import com.strongroom.testing.InMemoryCheckpointStore;
import com.strongroom.testing.InMemoryContactStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryIncidentStore;
import com.strongroom.testing.InMemoryNoticeJobs;
import com.strongroom.testing.InMemoryNoticeStore;
import com.strongroom.testing.InMemorySendLedger;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Incidents: what they affected is derived from the audit trail of their window and scope, declaring records a
 * security event in each affected tenant's trail, and the register states the 72-hour clock, each tenant's Art. 33(3)
 * draft and its notices.
 */
class IncidentsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");
    static final TenantId INITECH = TenantId.of("initech");
    private static final AuditRetention RETENTION = new AuditRetention(Duration.ofDays(14), Duration.ofDays(365),
            Duration.ofDays(365));

    @TempDir
    Path keys;
    private final TestClock clock = new TestClock(T0);
    private final InMemoryTenantStore tenants = new InMemoryTenantStore();
    private final InMemoryAuditLog log = new InMemoryAuditLog(clock);
    private final InMemoryAssetStore assets = new InMemoryAssetStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemorySendLedger ledger = new InMemorySendLedger();
    private final InMemoryNoticeJobs jobs = new InMemoryNoticeJobs(clock);
    private ChainedAuditTrail trail;
    private Incidents incidents;
    private final Caller officer = Identities.staff("officer", Role.SECURITY_OFFICER);
    private final String engineer = "engineer-oid@vendor-tid";
    private final AssetId passport = AssetId.of(UUID.randomUUID().toString());
    private final AssetId contract = AssetId.of(UUID.randomUUID().toString());

    @BeforeEach
    void stamp() {
        trail = new ChainedAuditTrail(log, RETENTION, new Checkpointer(log, JwsCheckpointSigner.local(keys),
                new InMemoryCheckpointStore(), clock), 1000, 1);
        AuditRecorder recorder = new AuditRecorder(trail, clock);
        AccessControl access = Identities.accessControl(Region.WEST_EUROPE, tenants, InMemoryGrantStore.noGrants(clock),
                recorder);
        incidents = new Incidents(access, new InMemoryIncidentStore(), log, assets, notices, contacts, ledger, jobs,
                recorder, clock, 30);
        for (TenantId t : List.of(ACME, GLOBEX, INITECH)) {
            tenants.create(new Tenant(t, t.value(), Region.WEST_EUROPE, Optional.empty(), T0, "ops",
                    TenantStatus.ACTIVE, new TenantKeys("local:" + t + "/00", 1, new byte[] {1}, new byte[] {2})));
        }
        assets.create(com.strongroom.testing.AssetTestData.anAsset().of(ACME).id(passport)
                .subjectIndex(List.of("s-jane", "s-john")).build());
        assets.create(com.strongroom.testing.AssetTestData.anAsset().of(ACME).id(contract)
                .subjectIndex(List.of("s-john")).build());
        contacts.put(ACME, new Contacts(List.of(EmailAddress.of("dpo@acme.example")), List.of(),
                List.of(EmailAddress.of("it@acme.example"))));
        // In the window: the engineer read two files of acme, three times; someone else read globex; a refusal.
        clock.advance(Duration.ofHours(1));
        access(ACME, engineer, "asset.download", "tenants/acme/assets/" + passport + "/content", AuditEvent.Outcome.SUCCESS);
        access(ACME, engineer, "asset.download", "tenants/acme/assets/" + passport + "/content", AuditEvent.Outcome.SUCCESS);
        access(ACME, engineer, "asset.read", "tenants/acme/assets/" + contract, AuditEvent.Outcome.SUCCESS);
        access(ACME, engineer, "asset.download", "tenants/acme/assets/" + UUID.randomUUID(), AuditEvent.Outcome.DENIED);
        access(GLOBEX, "someone@else", "asset.download", "tenants/globex/assets/" + UUID.randomUUID(),
                AuditEvent.Outcome.SUCCESS);
        clock.advance(Duration.ofHours(3));
        // After the window.
        access(INITECH, engineer, "asset.download", "tenants/initech/assets/" + UUID.randomUUID(),
                AuditEvent.Outcome.SUCCESS);
        clock.advance(Duration.ofHours(1));
    }

    private void access(TenantId tenant, String actor, String action, String target, AuditEvent.Outcome outcome) {
        trail.record(new AuditEvent(UUID.randomUUID().toString(), tenant.value(), clock.instant(), actor,
                "Support.Engineer", action, target, Optional.empty(), Optional.empty(), Optional.empty(), outcome,
                "r-" + UUID.randomUUID(), AuditEvent.EventClass.ACCESS));
        clock.advance(Duration.ofMinutes(1));
    }

    private DeclareCommand command(List<String> actors, List<TenantId> scopeTenants, List<AssetId> scopeAssets,
                                   boolean keysExposed) {
        return new DeclareCommand("Support account compromised", Set.of(Incident.Nature.CONFIDENTIALITY),
                "A support engineer's account was used from an unknown device.", T0.plus(Duration.ofHours(5)),
                T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(3)),
                new Incident.Scope(actors, scopeTenants, scopeAssets, List.of()), keysExposed,
                "Disclosure of the files read.", "Account disabled; sessions revoked.", "dpo@strongroom.example");
    }

    @Test
    void thePreviewCountsTheTenantsRecordsAndSubjectsTheScopeReachedAndChangesNothing() {
        int events = log.size();
        Incidents.Preview preview = incidents.preview(officer, command(List.of(engineer), List.of(), List.of(), false),
                "r1");
        assertEquals(List.of(new Incident.Affected(ACME, 3, 2, 2)), preview.affected(),
                "acme only: globex was someone else, initech after the window, the refusal did not happen");
        assertEquals(events + 1, log.size(), "only the preview's own access event was recorded");

        Incidents.Preview anyone = incidents.preview(officer, command(List.of(), List.of(), List.of(), false), "r2");
        assertEquals(Set.of(ACME, GLOBEX), anyone.affected().stream().map(Incident.Affected::tenantId)
                .collect(java.util.stream.Collectors.toSet()));
        Incidents.Preview oneFile = incidents.preview(officer, command(List.of(), List.of(ACME), List.of(contract),
                false), "r3");
        assertEquals(List.of(new Incident.Affected(ACME, 1, 1, 1)), oneFile.affected());
    }

    @Test
    void declaringWritesASecurityEventIntoEachAffectedTenantsTrailOnly() {
        Incident incident = incidents.declare(officer,
                command(List.of(engineer), List.of(), List.of(), false), "r1").incident();
        assertEquals(1, securityEvents(ACME, incident.id()));
        assertEquals(0, securityEvents(GLOBEX, incident.id()));
        assertEquals(T0.plus(Duration.ofHours(5 + 72)), incident.notifyBy());
    }

    private long securityEvents(TenantId tenant, String incidentId) {
        return log.query(new AuditLog.Query(tenant.value(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("incident.declare"), Optional.empty(), Optional.empty(), 100, Optional.empty())).events()
                .stream().filter(e -> e.event().target().equals("incidents/" + incidentId)
                        && e.event().eventClass() == AuditEvent.EventClass.SECURITY).count();
    }

    @Test
    void theRegisterStatesTheClockTheDraftAndWhoCannotBeReached() {
        Incident declared = incidents.declare(officer,
                command(List.of(), List.of(), List.of(), false), "r1").incident();
        Incidents.Register register = incidents.read(officer, declared.id(), "r2");
        assertEquals(Duration.ofHours(72).minus(Duration.between(T0.plus(Duration.ofHours(5)), clock.instant())),
                register.left());
        assertFalse(register.overdue());
        Incidents.TenantPart acme = part(register, ACME);
        assertFalse(acme.unreachable());
        assertTrue(part(register, GLOBEX).unreachable(), "globex has no contacts");
        assertTrue(acme.draft().text().contains("Art. 34(3)(a)"), acme.draft().text());
        assertTrue(acme.draft().text().contains("Approximate number of data subjects concerned: 2"));
        assertEquals(Art33Draft.NOT_EXPOSED, acme.draft().encryption());

        Incident exposed = incidents.declare(officer, command(List.of(), List.of(), List.of(), true), "r3").incident();
        assertEquals(Art33Draft.EXPOSED, part(incidents.read(officer, exposed.id(), "r4"), ACME).draft().encryption());

        clock.advance(Duration.ofHours(80));
        assertTrue(incidents.read(officer, declared.id(), "r5").overdue(), "72 hours passed without a notice");
    }

    private static Incidents.TenantPart part(Incidents.Register register, TenantId tenant) {
        return register.tenants().stream().filter(p -> p.affected().tenantId().equals(tenant)).findFirst()
                .orElseThrow();
    }

    @Test
    void notifyQueuesOneNoticePerAffectedTenantWithOnlyItsOwnPart() {
        Incident declared = incidents.declare(officer,
                command(List.of(), List.of(), List.of(), false), "r1").incident();
        assertThrows(ConflictException.class, () -> incidents.update(officer, declared.id(), "More.", "r2"),
                "an update comes after the first notice");
        incidents.notify(officer, declared.id(), "r3");
        incidents.notify(officer, declared.id(), "r4");
        var acmeNotice = notices.find(ACME, NoticeId.incident(declared.id(), 0)).orElseThrow();
        var globexNotice = notices.find(GLOBEX, NoticeId.incident(declared.id(), 0)).orElseThrow();
        assertTrue(acmeNotice.text().contains("about 2 files and about 2 data subjects"), acmeNotice.text());
        assertFalse(acmeNotice.text().contains("globex"), "only acme's part");
        assertFalse(globexNotice.text().contains("acme"), "only globex's part");
        assertEquals(Contacts.Audience.ALL_CONTACTS, acmeNotice.audience());
        assertEquals(4, jobs.size(), "two tenants, asked twice: the send ledger keeps it to one email each");

        incidents.update(officer, declared.id(), "The device was identified.", "r5");
        assertTrue(notices.find(ACME, NoticeId.incident(declared.id(), 1)).orElseThrow().text()
                .contains("The device was identified."));
        incidents.close(officer, declared.id(), "r6");
        assertThrows(ConflictException.class, () -> incidents.notify(officer, declared.id(), "r7"));
        assertThrows(ConflictException.class, () -> incidents.update(officer, declared.id(), "Late.", "r8"));
    }

    @Test
    void badDeclarationsAreRefusedAndOnlySecurityOfficersMayDeclare() {
        DeclareCommand future = new DeclareCommand("t", Set.of(Incident.Nature.INTEGRITY), "d",
                clock.instant().plusSeconds(60), T0, T0.plusSeconds(60), new Incident.Scope(List.of(), List.of(),
                List.of(), List.of()), false, "c", "m", "x");
        assertThrows(InvalidInputException.class, () -> incidents.declare(officer, future, "r1"));
        assertThrows(InvalidInputException.class, () -> incidents.declare(officer,
                command(List.of(), List.of(TenantId.of("elsewhere")), List.of(), false), "r2"));
        assertThrows(InvalidInputException.class, () -> new DeclareCommand("t", Set.of(), "d", T0, T0,
                T0.plusSeconds(1), new Incident.Scope(List.of(), List.of(), List.of(), List.of()), false, "c", "m", "x"));
        assertThrows(InvalidInputException.class, () -> new DeclareCommand("t", Set.of(Incident.Nature.INTEGRITY),
                "d", T0, T0.plusSeconds(60), T0, new Incident.Scope(List.of(), List.of(), List.of(), List.of()), false,
                "c", "m", "x"));
        assertThrows(InvalidInputException.class, () -> new DeclareCommand("t", Set.of(Incident.Nature.INTEGRITY),
                "d", T0, T0, T0.plusSeconds(1), new Incident.Scope(List.of(), List.of(), List.of(), List.of()), null,
                "c", "m", "x"));
        for (Role role : List.of(Role.PLATFORM_ADMIN, Role.SUPPORT_ENGINEER)) {
            assertThrows(ForbiddenException.class, () -> incidents.declare(Identities.staff("s", role),
                    command(List.of(), List.of(), List.of(), false), "r3"));
        }
        assertThrows(ForbiddenException.class, () -> incidents.preview(Identities.customer(ACME, "ta",
                Role.TENANT_ADMIN), command(List.of(), List.of(), List.of(), false), "r4"));
    }
}
