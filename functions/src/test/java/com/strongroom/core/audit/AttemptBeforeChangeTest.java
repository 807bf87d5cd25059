package com.strongroom.core.audit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.asset.DeleteAsset;
import com.strongroom.core.asset.HoldReleases;
import com.strongroom.core.asset.UpdateAsset;
import com.strongroom.core.asset.UploadAsset;
import com.strongroom.core.consent.ConsentGrants;
import com.strongroom.core.consent.CreateConsentGrant;
import com.strongroom.core.consent.SupportConsent;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.keys.RotateTenantKeys;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AuditEvent.Outcome;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.tenant.CreateTenant;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryAssetStore;
import com.strongroom.testing.InMemoryAuditLog;
import com.strongroom.testing.InMemoryContentStore;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantDirectory;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Nothing changes that the trail does not hold: every write records its attempt before it changes anything. The
 * trail is failed at each step: refusing the attempt fails the request (503) with nothing changed; refusing the
 * outcome after the change leaves the change in place, recorded by its attempt, and the caller is not told 503.
 */
class AttemptBeforeChangeTest {
    static final TenantId ACME = TenantId.of("acme");
    static final Caller PLATFORM = Identities.staff("ops", Role.PLATFORM_ADMIN);
    static final Caller ADMIN = Identities.customer(ACME, "admin", Role.TENANT_ADMIN);
    static final Caller MANAGER = Identities.customer(ACME, "manager", Role.ARCHIVE_MANAGER);
    static final String ENGINEER = Identities.staff("support-7", Role.SUPPORT_ENGINEER).subject();

    TestClock clock;
    InMemoryTenantStore tenants;
    InMemoryAssetStore assets;
    InMemoryGrantStore grants;
    List<AuditEvent> events;
    Predicate<AuditEvent> refused;
    CreateTenant createTenant;
    RotateTenantKeys rotate;
    CreateConsentGrant grant;
    ConsentGrants consent;
    UploadAsset upload;
    UpdateAsset update;
    DeleteAsset delete;
    Asset existing;
    ConsentGrant given;

    /** One write: what it does, and the state it changes, read straight from the stores. */
    record Write(String name, String action, Consumer<AttemptBeforeChangeTest> act,
                 Function<AttemptBeforeChangeTest, Object> state) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Write> writes() {
        return Stream.of(
                new Write("tenant creation", "tenant.create",
                        t -> t.createTenant.handle(PLATFORM, new CreateTenant.Command(TenantId.of("initech"),
                                "Initech", Optional.empty(), Optional.empty()), "req"),
                        t -> t.tenants.find(TenantId.of("initech")).isPresent()),
                new Write("TDK rotation", "keys.rotate",
                        t -> t.rotate.handle(ADMIN, new RotateTenantKeys.Command(ACME, RotateTenantKeys.Scope.TDK),
                                "req"),
                        t -> t.tenants.find(ACME).orElseThrow().keys().tdkVersion()),
                new Write("consent grant", "consent.grant",
                        t -> t.grant.handle(ADMIN, CreateConsentGrant.Command.of(ACME, ENGINEER, "tenant", List.of(),
                                Set.of(ConsentPermission.METADATA_READ), "Preview fails", "SUP-1",
                                Optional.empty()), "req"),
                        t -> t.grants.list(ACME, 100, Optional.empty()).grants().size()),
                new Write("consent revocation", "consent.revoke",
                        t -> t.consent.revoke(ADMIN, ACME, t.given.id(), "req"),
                        t -> t.grants.find(ACME, t.given.id()).orElseThrow().revocation().isPresent()),
                new Write("one-request upload", "asset.upload",
                        t -> t.upload.handle(MANAGER, new UploadAsset.Command(ACME, "new.txt", null, List.of(),
                                new ByteArrayInputStream("hello".getBytes())), "req"),
                        t -> t.assets.unfinished(Instant.MAX, 100).size()
                                + t.assets.list(ACME, Optional.empty(), 100, Optional.empty()).assets().size()),
                new Write("asset update", "asset.update",
                        t -> t.update.handle(MANAGER, new UpdateAsset.Command(ACME, t.existing.id(),
                                Optional.of("renamed.txt"), Optional.empty(), Optional.empty(), UpdateAsset.Hold.KEEP,
                                Optional.empty(), Optional.empty()), "req"),
                        t -> t.assets.find(ACME, t.existing.id()).orElseThrow().name()),
                new Write("asset delete", "asset.delete",
                        t -> t.delete.handle(MANAGER, ACME, t.existing.id(), "req"),
                        t -> t.assets.find(ACME, t.existing.id()).map(Asset::state)));
    }

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
        CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
        tenants = new InMemoryTenantStore();
        tenants.create(new Tenant(ACME, "Acme", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(ACME)),
                clock.instant(), "platform", TenantStatus.ACTIVE, keks.newTenantKeys(ACME)));
        InMemoryDataKeyStore dataKeys = new InMemoryDataKeyStore(clock);
        TenantKeyring keyring = new TenantKeyring(keks, dataKeys, tenants, clock, Duration.ofMinutes(5), 10);
        events = new ArrayList<>();
        refused = e -> false;
        AuditRecorder audit = new AuditRecorder(event -> {
            if (refused.test(event)) {
                throw new DependencyUnavailableException(Dependency.AUDIT, new IllegalStateException("trail down"));
            }
            events.add(event);
        }, clock);
        grants = new InMemoryGrantStore();
        InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
        AccessControl access = Identities.accessControl(Region.WEST_EUROPE, tenants, directory,
                new SupportConsent(grants, g -> { }, clock), audit);
        assets = new InMemoryAssetStore();
        InMemoryContentStore content = new InMemoryContentStore();
        createTenant = new CreateTenant(access, tenants, directory, keks, clock, Optional.empty());
        rotate = new RotateTenantKeys(access, tenants, keks, dataKeys, keyring);
        grant = new CreateConsentGrant(access, grants, assets, clock);
        consent = new ConsentGrants(access, grants, new InMemoryAuditLog(), clock);
        upload = new UploadAsset(access, assets, keyring, content, clock);
        update = new UpdateAsset(access, assets, keyring, HoldReleases.none(), clock);
        delete = new DeleteAsset(access, assets, keyring, content);

        existing = upload.handle(MANAGER, new UploadAsset.Command(ACME, "kept.txt", null, List.of(),
                new ByteArrayInputStream("kept".getBytes())), "setup");
        given = grant.handle(ADMIN, CreateConsentGrant.Command.of(ACME, ENGINEER, "tenant", List.of(),
                Set.of(ConsentPermission.METADATA_READ), "Preview fails", "SUP-1", Optional.empty()), "setup");
        events.clear();
    }

    List<Outcome> recorded(String action) {
        return events.stream().filter(e -> e.requestId().equals("req") && e.action().equals(action))
                .map(AuditEvent::outcome).toList();
    }

    @ParameterizedTest
    @MethodSource("writes")
    void theAttemptIsRecordedBeforeTheChangeAndTheOutcomeAfter(Write write) {
        Object before = write.state().apply(this);
        write.act().accept(this);
        assertNotEquals(before, write.state().apply(this), "the write changed something");
        assertEquals(List.of(Outcome.ATTEMPTED, Outcome.SUCCESS), recorded(write.action()));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void aTrailThatRefusesTheAttemptFailsTheRequestWithNothingChanged(Write write) {
        Object before = write.state().apply(this);
        refused = e -> e.outcome() == Outcome.ATTEMPTED;
        assertThrows(DependencyUnavailableException.class, () -> write.act().accept(this));
        assertEquals(before, write.state().apply(this), "a 503 means nothing changed");
        assertTrue(recorded(write.action()).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("writes")
    void aTrailThatFailsAfterTheChangeLeavesTheChangeHeldByItsAttempt(Write write) {
        Object before = write.state().apply(this);
        refused = e -> e.outcome() == Outcome.SUCCESS;
        assertDoesNotThrow(() -> write.act().accept(this), "the change is made: the caller must not read 503");
        assertNotEquals(before, write.state().apply(this));
        assertEquals(List.of(Outcome.ATTEMPTED), recorded(write.action()), "the change has its event");
    }

    @ParameterizedTest
    @MethodSource("writes")
    void everyEventOfAWriteNamesTheSameTargetAndRequest(Write write) {
        write.act().accept(this);
        List<AuditEvent> mine = events.stream().filter(e -> e.action().equals(write.action())).toList();
        assertEquals(1, mine.stream().map(AuditEvent::target).distinct().count(), mine.toString());
        assertTrue(mine.stream().allMatch(e -> e.requestId().equals("req")));
    }
}
