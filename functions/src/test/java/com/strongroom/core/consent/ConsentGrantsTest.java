package com.strongroom.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.asset.ListAssets;
import com.strongroom.core.asset.ReadAsset;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.AuditRetention;
import com.strongroom.core.audit.ChainedAuditTrail;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.testing.AssetTestData;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryAuditLog;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consent grants in the core, with in-memory ports and a clock moved by hand: granting and its refusals, support
 * reads under a grant, expiry and revocation without sleeping, the trail of every use and refusal, first-use
 * notices and the sweep.
 */
class ConsentGrantsTest {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");
    static final Caller ADMIN = Identities.customer(ACME, "admin-1", Role.TENANT_ADMIN);
    static final Caller ENGINEER = Identities.staff("support-7", Role.SUPPORT_ENGINEER);
    static final Caller OTHER_ENGINEER = Identities.staff("support-8", Role.SUPPORT_ENGINEER);
    static final String SUPPORT_7 = ENGINEER.subject();
    static final Caller ADMIN_READER = Identities.customer(ACME, "reader-1", Role.ASSET_READER);

    TestClock clock;
    InMemoryGrantStore grants;
    InMemoryAssetStore assets;
    InMemoryAuditLog auditLog;
    List<String> notices;
    CreateConsentGrant create;
    ConsentGrants consent;
    SweepExpiredGrants sweep;
    ReadAsset read;
    ListAssets list;
    AssetId first;
    AssetId second;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
        grants = new InMemoryGrantStore();
        assets = new InMemoryAssetStore();
        auditLog = new InMemoryAuditLog();
        notices = new ArrayList<>();
        InMemoryTenantStore tenants = new InMemoryTenantStore();
        for (TenantId id : List.of(ACME, GLOBEX)) {
            tenants.create(new Tenant(id, id.value(), Region.WEST_EUROPE, Optional.of(Identities.directoryOf(id)),
                    clock.instant(), "ops", TenantStatus.ACTIVE,
                    new TenantKeys("local:tenant-" + id + "/00", 1, new byte[1], new byte[1])));
        }
        // No checkpoint is ever due here, so the trail needs no checkpointer.
        AuditRecorder audit = new AuditRecorder(new ChainedAuditTrail(auditLog, new AuditRetention(Duration.ofDays(30),
                Duration.ofDays(400), Duration.ofDays(400)), null, Integer.MAX_VALUE, 1), clock);
        AccessControl access = Identities.accessControl(Region.WEST_EUROPE, tenants,
                new SupportConsent(grants, grant -> notices.add(grant.id().value()), clock), audit);
        create = new CreateConsentGrant(access, grants, assets, clock);
        consent = new ConsentGrants(access, grants, auditLog, clock);
        sweep = new SweepExpiredGrants(grants, audit, clock);
        read = new ReadAsset(access, assets);
        list = new ListAssets(access, assets, null);
        first = asset(ACME, "first.pdf");
        second = asset(ACME, "second.pdf");
    }

    private AssetId asset(TenantId tenant, String name) {
        Asset asset = AssetTestData.anAsset().of(tenant).named(name).at(clock.instant()).build();
        assets.create(asset);
        return asset.id();
    }

    private CreateConsentGrant.Command command(String grantee, String scope, List<AssetId> ids,
                                               Set<ConsentPermission> permissions, String expiresAt) {
        return CreateConsentGrant.Command.of(ACME, grantee, scope, ids, permissions, "Preview of a PDF fails",
                "SUP-1042", CreateConsentGrant.Command.expiry(expiresAt));
    }

    private ConsentGrant grantTenant(Set<ConsentPermission> permissions) {
        return create.handle(ADMIN, command(SUPPORT_7, "tenant", List.of(), permissions, "default"), "r-grant");
    }

    private List<AuditEvent> events() {
        List<AuditEvent> all = new ArrayList<>();
        for (String chain : List.of("access", "admin", "security")) {
            auditLog.chain(ACME.value(), chain, 1, 10_000).forEach(e -> all.add(e.event()));
        }
        return all;
    }

    /** The newest event of an action; equal times are told apart by the order the chains hold them in. */
    private AuditEvent lastEvent(String action) {
        List<AuditEvent> matching = events().stream().filter(e -> e.action().equals(action))
                .sorted(java.util.Comparator.comparing(AuditEvent::at)).toList();
        return matching.get(matching.size() - 1);
    }

    @Test
    void aGrantIsCreatedActiveForSevenDaysByDefaultAndAudited() {
        ConsentGrant grant = grantTenant(Set.of(ConsentPermission.METADATA_READ));
        assertEquals(clock.instant().plus(Duration.ofDays(7)), grant.expiresAt());
        assertEquals(ADMIN.subject(), grant.grantedBy());
        assertEquals(ConsentGrant.Status.ACTIVE, consent.read(ADMIN, ACME, grant.id(), "r").status());
        AuditEvent event = lastEvent("consent.grant");
        assertEquals("tenants/acme/consent-grants/" + grant.id(), event.target());
        assertEquals(AuditEvent.Outcome.SUCCESS, event.outcome());
    }

    @Test
    void anActiveGrantLetsItsGranteeReadMetadataAndEveryUseIsAuditedWithTheGrant() {
        ConsentGrant grant = grantTenant(Set.of(ConsentPermission.METADATA_READ));
        ReadAsset.Result metadata = read.handle(ENGINEER, ACME, first, "r1");
        assertEquals(first, metadata.asset().id());
        assertFalse(metadata.digestShown(), "a metadata grant does not show the content's SHA-256");
        ListAssets.Listing listing = list.handle(ENGINEER, new ListAssets.Query(ACME, Optional.empty(), 50,
                Optional.empty()), "r2");
        assertEquals(2, listing.page().assets().size());
        assertFalse(listing.digestShown());
        assertTrue(read.handle(ADMIN_READER, ACME, first, "r1b").digestShown(), "the tenant's own users see it");
        List<AuditEvent> uses = events().stream().filter(e -> e.actor().equals(ENGINEER.auditName())).toList();
        assertEquals(List.of("asset.read", "asset.list"), uses.stream().map(AuditEvent::action).toList());
        for (AuditEvent use : uses) {
            assertEquals(Optional.of(grant.id().value()), use.grantId());
            assertEquals(Optional.empty(), use.purpose(), "free text stays on the grant, where it can be redacted");
            assertEquals(Optional.empty(), use.ticket());
            assertEquals(AuditEvent.Outcome.SUCCESS, use.outcome());
        }
    }

    @Test
    void withoutAGrantASupportEngineerIsRefusedAndTheRefusalIsInTheTenantsTrail() {
        assertThrows(ForbiddenException.class, () -> read.handle(ENGINEER, ACME, first, "r1"));
        AuditEvent denied = lastEvent("asset.read");
        assertEquals(AuditEvent.Outcome.DENIED, denied.outcome());
        assertEquals(ENGINEER.auditName(), denied.actor());
        assertEquals(Optional.empty(), denied.grantId());
    }

    @Test
    void anotherEngineerOrTheSameOneInAnotherTenantGetsNothingFromTheGrant() {
        grantTenant(Set.of(ConsentPermission.METADATA_READ));
        assertThrows(ForbiddenException.class, () -> read.handle(OTHER_ENGINEER, ACME, first, "r1"));
        AssetId foreign = asset(GLOBEX, "foreign.pdf");
        assertThrows(ForbiddenException.class, () -> read.handle(ENGINEER, GLOBEX, foreign, "r2"));
    }

    @Test
    void aCustomerUserOfAnotherTenantCannotUseOrSeeGrants() {
        grantTenant(Set.of(ConsentPermission.METADATA_READ));
        Caller globexAdmin = Identities.customer(GLOBEX, "admin-9", Role.TENANT_ADMIN, Role.ASSET_READER);
        assertThrows(ForbiddenException.class, () -> read.handle(globexAdmin, ACME, first, "r1"));
        assertThrows(ForbiddenException.class, () -> consent.list(globexAdmin, ACME, new ConsentGrants.Paging(10,
                Optional.empty()), "r2"));
    }

    @Test
    void theGrantEndsAtItsExpiryOnTheNextRequestWithoutASweep() {
        ConsentGrant grant = create.handle(ADMIN, command(SUPPORT_7, "tenant", List.of(),
                Set.of(ConsentPermission.METADATA_READ), clock.instant().plus(Duration.ofHours(2)).toString()), "r");
        clock.advance(Duration.ofHours(2).minusMillis(1));
        read.handle(ENGINEER, ACME, first, "r1");
        clock.advance(Duration.ofMillis(1));
        assertThrows(ForbiddenException.class, () -> read.handle(ENGINEER, ACME, first, "r2"));
        AuditEvent denied = lastEvent("asset.read");
        assertEquals(AuditEvent.Outcome.DENIED, denied.outcome());
        assertEquals(Optional.of(grant.id().value()), denied.grantId(), "the refusal names the grant that ended");
        assertEquals(ConsentGrant.Status.EXPIRED, consent.read(ADMIN, ACME, grant.id(), "r3").status());
        assertEquals(ConsentGrant.Status.ACTIVE, grants.find(ACME, grant.id()).orElseThrow().recorded(),
                "not swept yet");
    }

    @Test
    void revocationTakesEffectOnTheVeryNextRequestAndIsIdempotent() {
        ConsentGrant grant = grantTenant(Set.of(ConsentPermission.METADATA_READ));
        read.handle(ENGINEER, ACME, first, "r1");
        clock.advance(Duration.ofSeconds(1));
        consent.revoke(ADMIN, ACME, grant.id(), "r2");
        assertThrows(ForbiddenException.class, () -> read.handle(ENGINEER, ACME, first, "r3"));
        ConsentGrant revoked = grants.find(ACME, grant.id()).orElseThrow();
        assertEquals(Optional.of(new ConsentGrant.Revocation(clock.instant(), ADMIN.subject())), revoked.revocation());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ConsentGrant.Status.REVOKED, consent.revoke(ADMIN, ACME, grant.id(), "r4").status());
        assertEquals(revoked, grants.find(ACME, grant.id()).orElseThrow(), "a second revocation changes nothing");
        assertThrows(NotFoundException.class, () -> consent.revoke(ADMIN, ACME,
                com.strongroom.core.model.GrantId.random(), "r5"));
    }

    @Test
    void theWrongPermissionIsRefused() {
        grantTenant(Set.of(ConsentPermission.CONTENT_READ));
        assertThrows(ForbiddenException.class, () -> read.handle(ENGINEER, ACME, first, "r1"));
    }

    @Test
    void aScopedGrantReachesItsAssetsOnlyAndOthersLookAbsent() {
        ConsentGrant grant = create.handle(ADMIN, command(SUPPORT_7, "assets", List.of(first),
                Set.of(ConsentPermission.METADATA_READ), "default"), "r");
        assertEquals(first, read.handle(ENGINEER, ACME, first, "r1").asset().id());
        assertThrows(NotFoundException.class, () -> read.handle(ENGINEER, ACME, second, "r2"));
        AuditEvent outside = lastEvent("asset.read");
        assertEquals(AuditEvent.Outcome.DENIED, outside.outcome());
        assertEquals(Optional.of(grant.id().value()), outside.grantId());
        assertEquals(List.of(first), list.handle(ENGINEER, new ListAssets.Query(ACME, Optional.empty(), 50,
                Optional.empty()), "r3").page().assets().stream().map(Asset::id).toList());
    }

    @Test
    void nobodyGrantsToThemselvesAndSupportStaffNeverGrant() {
        assertThrows(ForbiddenException.class, () -> create.handle(ADMIN, command(ADMIN.subject(), "tenant", List.of(),
                Set.of(ConsentPermission.METADATA_READ), "default"), "r1"));
        // The vendor's directory may assign its staff a customer role; it counts for nothing.
        Caller engineerAsAdmin = Identities.staff("support-7", Role.TENANT_ADMIN, Role.SUPPORT_ENGINEER);
        assertEquals(Set.of(Role.SUPPORT_ENGINEER), engineerAsAdmin.roles());
        assertThrows(ForbiddenException.class, () -> create.handle(engineerAsAdmin, command(OTHER_ENGINEER.subject(), "tenant",
                List.of(), Set.of(ConsentPermission.METADATA_READ), "default"), "r2"));
        assertThrows(ForbiddenException.class, () -> create.handle(ENGINEER, command(SUPPORT_7, "tenant",
                List.of(), Set.of(ConsentPermission.METADATA_READ), "default"), "r3"));
        assertEquals(0, grants.list(ACME, 10, Optional.empty()).grants().size());
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        Set<ConsentPermission> metadata = Set.of(ConsentPermission.METADATA_READ);
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(ACME, SUPPORT_7, "tenant",
                List.of(), metadata, " ", "SUP-1", Optional.empty()));
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(ACME, SUPPORT_7, "tenant",
                List.of(), metadata, "why", null, Optional.empty()));
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(ACME, SUPPORT_7, "tenant",
                List.of(), Set.of(), "why", "SUP-1", Optional.empty()));
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(ACME, SUPPORT_7, "assets",
                List.of(), metadata, "why", "SUP-1", Optional.empty()));
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(ACME, SUPPORT_7, "all",
                List.of(), metadata, "why", "SUP-1", Optional.empty()));
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(ACME, "support-7", "tenant",
                List.of(), metadata, "why", "SUP-1", Optional.empty()), "a grantee is an Entra object id");
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.expiry(null));
        assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.expiry("next week"));
        assertThrows(InvalidInputException.class, () -> create.handle(ADMIN, command(SUPPORT_7, "tenant", List.of(),
                metadata, clock.instant().minusSeconds(1).toString()), "r1"));
        assertThrows(InvalidInputException.class, () -> create.handle(ADMIN, command(SUPPORT_7, "tenant", List.of(),
                metadata, clock.instant().plus(Duration.ofDays(30)).plusSeconds(1).toString()), "r2"));
        create.handle(ADMIN, command(SUPPORT_7, "tenant", List.of(), metadata,
                clock.instant().plus(Duration.ofDays(30)).toString()), "r3");
        AssetId foreign = asset(GLOBEX, "foreign.pdf");
        for (AssetId unknown : List.of(AssetId.random(), foreign)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> create.handle(ADMIN,
                    command(SUPPORT_7, "assets", List.of(first, unknown), metadata, "default"), "r4"));
            assertEquals("assetIds", e.field());
        }
        assertEquals(1, grants.list(ACME, 10, Optional.empty()).grants().size(), "only the valid grant is stored");
    }

    @Test
    void theFirstUseAsksForOneNoticeAndIsRecorded() {
        ConsentGrant grant = grantTenant(Set.of(ConsentPermission.METADATA_READ));
        assertEquals(List.of(), notices);
        read.handle(ENGINEER, ACME, first, "r1");
        read.handle(ENGINEER, ACME, second, "r2");
        assertEquals(List.of(grant.id().value()), notices);
        assertEquals(Optional.of(clock.instant()), grants.find(ACME, grant.id()).orElseThrow().firstUsedAt());
    }

    @Test
    void theAccessesOfAGrantAreItsUsesAndRefusalsOnly() {
        ConsentGrant grant = create.handle(ADMIN, command(SUPPORT_7, "assets", List.of(first),
                Set.of(ConsentPermission.METADATA_READ), "default"), "r");
        read.handle(ENGINEER, ACME, first, "r1");
        assertThrows(NotFoundException.class, () -> read.handle(ENGINEER, ACME, second, "r2"));
        read.handle(Identities.customer(ACME, "reader", Role.ASSET_READER), ACME, first, "r3");
        var page = consent.accesses(ADMIN, ACME, grant.id(), new ConsentGrants.Paging(50, Optional.empty()), "r4");
        assertEquals(List.of("r2", "r1"), page.events().stream().map(e -> e.event().requestId()).toList());
        assertEquals(List.of(AuditEvent.Outcome.DENIED, AuditEvent.Outcome.SUCCESS),
                page.events().stream().map(e -> e.event().outcome()).toList());
    }

    @Test
    void theSweepMarksExpiredGrantsOnceAndWritesItIntoTheTrail() {
        ConsentGrant ending = create.handle(ADMIN, command(SUPPORT_7, "tenant", List.of(),
                Set.of(ConsentPermission.METADATA_READ), clock.instant().plus(Duration.ofHours(1)).toString()), "r1");
        ConsentGrant lasting = grantTenant(Set.of(ConsentPermission.METADATA_READ));
        ConsentGrant revoked = grantTenant(Set.of(ConsentPermission.CONTENT_READ));
        consent.revoke(ADMIN, ACME, revoked.id(), "r2");
        assertEquals(new SweepExpiredGrants.Outcome(0, 0), sweep.handle("sweep-1"));
        clock.advance(Duration.ofHours(1));
        assertEquals(new SweepExpiredGrants.Outcome(1, 0), sweep.handle("sweep-2"));
        assertEquals(ConsentGrant.Status.EXPIRED, grants.find(ACME, ending.id()).orElseThrow().recorded());
        assertEquals(ConsentGrant.Status.ACTIVE, grants.find(ACME, lasting.id()).orElseThrow().recorded());
        assertEquals(ConsentGrant.Status.REVOKED, grants.find(ACME, revoked.id()).orElseThrow().recorded());
        AuditEvent expired = lastEvent("consent.expire");
        assertEquals(AuditRecorder.SYSTEM, expired.actor());
        assertEquals("tenants/acme/consent-grants/" + ending.id(), expired.target());
        assertEquals(new SweepExpiredGrants.Outcome(0, 0), sweep.handle("sweep-3"));
        assertEquals(1, events().stream().filter(e -> e.action().equals("consent.expire")).count());
    }
}
