package com.strongroom.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.StepUpRequiredException;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.model.TokenIdentity;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantDirectory;
import com.strongroom.testing.InMemoryTenantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decision order and the audit of every refusal, with in-memory ports and Entra-shaped identities. */
class AccessControlTest {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");
    static final Target T = Target.tenant(ACME);

    InMemoryTenantStore tenants;
    InMemoryTenantDirectory directory;
    List<AuditEvent> events;
    AccessControl access;

    @BeforeEach
    void setUp() {
        tenants = new InMemoryTenantStore();
        directory = new InMemoryTenantDirectory();
        events = new ArrayList<>();
        for (TenantId id : List.of(ACME, GLOBEX)) {
            tenants.create(new Tenant(id, id.value(), Region.WEST_EUROPE, Optional.of(Identities.directoryOf(id)),
                    Instant.EPOCH, "admin", TenantStatus.ACTIVE,
                    new TenantKeys("local:tenant-" + id + "/00", 1, new byte[1], new byte[1])));
        }
        access = Identities.accessControl(Region.WEST_EUROPE, tenants, directory,
                InMemoryGrantStore.noGrants(Clock.systemUTC()),
                new AuditRecorder(events::add, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
    }

    static EntraTenantId newDirectory() {
        return EntraTenantId.of(UUID.randomUUID().toString());
    }

    @Test
    void ownTenantAdminIsAllowedAndNothingIsRecordedForTheDecisionItself() {
        Tenant t = access.authorizeTenant(Identities.customer(ACME, "u1", Role.TENANT_ADMIN),
                Operation.TENANT_READ, ACME, Target.tenant(ACME), "r1").tenant();
        assertEquals(ACME, t.id());
        assertEquals(List.of(), events);
    }

    @Test
    void theRegisteredTenantIsRememberedAndStillReadOnEveryRequest() {
        Caller admin = Identities.customer(ACME, "u1", Role.TENANT_ADMIN);
        access.authorizeTenant(admin, Operation.TENANT_READ, ACME, T, "r1");
        int lookups = tenants.lookups();
        int reads = tenants.reads();
        access.authorizeTenant(admin, Operation.TENANT_READ, ACME, T, "r2");
        assertEquals(lookups, tenants.lookups(), "the Entra tenant is not looked up again");
        assertEquals(reads + 1, tenants.reads(), "the tenant itself is read");
    }

    @Test
    void roleIsCheckedFirstAndTheRefusalIsAuditedInTheTenantsTrail() {
        Caller reader = Identities.customer(ACME, "u1", Role.ASSET_READER);
        assertThrows(ForbiddenException.class, () -> access.authorizeTenant(reader, Operation.TENANT_READ, ACME,
                Target.tenant(ACME), "r1"));
        assertEquals(1, events.size());
        AuditEvent e = events.get(0);
        assertEquals("acme", e.tenantId());
        assertEquals(AuditEvent.Outcome.DENIED, e.outcome());
        assertEquals(AuditEvent.EventClass.SECURITY, e.eventClass());
        assertEquals("tenant.read", e.action());
        assertEquals(reader.objectId() + "@" + Identities.directoryOf(ACME).value(), e.actor());
        assertEquals("r1", e.requestId());
    }

    @Test
    void aCustomerOfAnotherTenantIsForbiddenEvenWithTheRightRole() {
        assertThrows(ForbiddenException.class, () -> access.authorizeTenant(
                Identities.customer(GLOBEX, "u1", Role.TENANT_ADMIN), Operation.TENANT_READ, ACME, T, "r"));
        assertEquals(AuditEvent.STAMP, events.get(0).tenantId());
    }

    @Test
    void aDirectoryRegisteredNowhereIsForbiddenAndAudited() {
        EntraTenantId stranger = newDirectory();
        Caller caller = Identities.admit(stranger, "u1", Caller.PrincipalType.USER, Role.TENANT_ADMIN);
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> access.authorizeTenant(caller, Operation.TENANT_READ, ACME, T, "r"));
        assertEquals("the caller's directory is not registered on any Strongroom tenant", e.getMessage());
        assertEquals(AuditEvent.STAMP, events.get(0).tenantId());
        assertEquals(AuditEvent.Outcome.DENIED, events.get(0).outcome());
        assertEquals(caller.objectId() + "@" + stranger.value(), events.get(0).actor());
    }

    @Test
    void aDirectoryRegisteredInAnotherStampIsMisdirectedWithoutReadingAnyTenant() {
        EntraTenantId australian = newDirectory();
        directory.claim(new DirectoryEntry(australian, TenantId.of("wombat"), Region.AUSTRALIA_EAST));
        Caller caller = Identities.admit(australian, "u1", Caller.PrincipalType.USER, Role.TENANT_ADMIN);
        int before = tenants.reads();
        MisdirectedException e = assertThrows(MisdirectedException.class,
                () -> access.authorizeTenant(caller, Operation.TENANT_READ, TenantId.of("wombat"), T, "r"));
        assertEquals(Region.AUSTRALIA_EAST, e.homeRegion());
        assertEquals(before, tenants.reads(), "a misdirected request reads no tenant");
        assertEquals(AuditEvent.Outcome.DENIED, events.get(0).outcome());
        assertEquals(AuditEvent.STAMP, events.get(0).tenantId());
    }

    @Test
    void withTheDirectoryDownAnUnknownDirectoryIsNotFoundAndNoRegionIsNamed() {
        EntraTenantId australian = newDirectory();
        directory.claim(new DirectoryEntry(australian, TenantId.of("wombat"), Region.AUSTRALIA_EAST));
        directory.down(true);
        Caller caller = Identities.admit(australian, "u1", Caller.PrincipalType.USER, Role.TENANT_ADMIN);
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> access.authorizeTenant(caller, Operation.TENANT_READ, TenantId.of("wombat"), T, "r"));
        assertFalse(e.getMessage().contains("australia"));
        assertEquals(AuditEvent.Outcome.DENIED, events.get(0).outcome());
        assertEquals(ACME, access.authorizeTenant(Identities.customer(ACME, "u1", Role.TENANT_ADMIN),
                Operation.TENANT_READ, ACME, T, "r").tenant().id(), "this stamp's own customers need no directory");
    }

    @Test
    void staffRolesCountOnlyFromTheVendorsDirectoryAndCustomerRolesOnlyFromOthers() {
        Caller customerClaimingStaff = Identities.customer(ACME, "u1", Role.PLATFORM_ADMIN, Role.SUPPORT_ENGINEER);
        assertEquals(Set.of(), customerClaimingStaff.roles());
        assertThrows(ForbiddenException.class, () -> access.authorizeTenant(customerClaimingStaff,
                Operation.TENANT_READ, ACME, T, "r"));
        Caller staffClaimingCustomer = Identities.staff("v1", Role.TENANT_ADMIN, Role.ASSET_READER);
        assertEquals(Set.of(), staffClaimingCustomer.roles());
        assertThrows(ForbiddenException.class, () -> access.authorizeTenant(staffClaimingCustomer,
                Operation.AUDIT_READ, ACME, T, "r"));
    }

    @Test
    void staffWithoutTheAuthenticationContextMustStepUpAndTheRefusalIsAudited() {
        Caller withoutMfa = Identities.POLICY.admit(new TokenIdentity(Identities.VENDOR,
                Identities.objectId(Identities.VENDOR, "v1"), Caller.PrincipalType.USER, false,
                Set.of("Platform.Admin"), Set.of("c2")));
        StepUpRequiredException e = assertThrows(StepUpRequiredException.class,
                () -> access.authorizeTenant(withoutMfa, Operation.TENANT_READ, ACME, T, "r"));
        assertEquals("c1", e.authContext());
        assertEquals("acme", events.get(0).tenantId());
        assertThrows(StepUpRequiredException.class,
                () -> access.authorize(withoutMfa, Operation.TENANT_CREATE, T, "r"));
        assertEquals(ACME, access.authorizeTenant(Identities.staff("v1", Role.PLATFORM_ADMIN),
                Operation.TENANT_READ, ACME, T, "r").tenant().id());
    }

    @Test
    void anApplicationDoesRoutineWorkButNothingThatNeedsAPerson() {
        Caller app = Identities.admit(Identities.directoryOf(ACME), "sync-job", Caller.PrincipalType.APPLICATION,
                Role.ASSET_CONTRIBUTOR, Role.ARCHIVE_MANAGER, Role.TENANT_ADMIN);
        assertEquals(ACME, access.authorizeTenant(app, Operation.ASSET_UPLOAD, ACME, T, "r").tenant().id());
        assertEquals(ACME, access.authorizeTenant(app, Operation.AUDIT_READ, ACME, T, "r").tenant().id());
        for (Operation personal : List.of(Operation.ASSET_DELETE, Operation.CONSENT_GRANT, Operation.KEYS_ROTATE,
                Operation.TENANT_READ)) {
            ForbiddenException e = assertThrows(ForbiddenException.class,
                    () -> access.authorizeTenant(app, personal, ACME, T, "r"), personal.name());
            assertEquals(personal.action() + " needs a signed-in user", e.getMessage());
        }
    }

    @Test
    void aGuestIsTheUserOfTheDirectoryItSignedInToAndNothingMore() {
        // An engineer invited into Acme's directory: Acme's admins gave the guest Asset.Reader, and Support.Engineer.
        Caller guest = Identities.POLICY.admit(new TokenIdentity(Identities.directoryOf(ACME),
                Identities.objectId(Identities.directoryOf(ACME), "engineer-as-guest"), Caller.PrincipalType.USER, true,
                Set.of("Asset.Reader", "Support.Engineer"), Set.of("c1")));
        assertEquals(Set.of(Role.ASSET_READER), guest.roles());
        assertEquals(ACME, access.authorizeTenant(guest, Operation.ASSET_READ, ACME, T, "r").tenant().id());
        assertThrows(ForbiddenException.class, () -> access.authorizeTenant(guest, Operation.ASSET_READ, GLOBEX, T,
                "r"));
        // A guest of the vendor's directory is no staff member, whatever role it was given.
        Caller vendorGuest = Identities.POLICY.admit(new TokenIdentity(Identities.VENDOR, UUID.randomUUID().toString(),
                Caller.PrincipalType.USER, true, Set.of("Platform.Admin"), Set.of("c1")));
        assertEquals(Set.of(), vendorGuest.roles());
    }

    @Test
    void aTenantBeingCancelledIsGoneForItsUsersAndReadableByStaff() {
        TenantId leaving = TenantId.of("leaving");
        tenants.create(new Tenant(leaving, "Leaving", Region.WEST_EUROPE, Optional.of(Identities.directoryOf(leaving)),
                Instant.EPOCH, "admin", TenantStatus.CANCELLING,
                new TenantKeys("local:tenant-leaving/00", 1, new byte[1], new byte[1])));
        Target target = Target.tenant(leaving);
        assertThrows(GoneException.class, () -> access.authorizeTenant(Identities.customer(leaving, "u1",
                Role.TENANT_ADMIN), Operation.TENANT_READ, leaving, target, "r1"));
        assertThrows(GoneException.class, () -> access.authorizeRead(Identities.customer(leaving, "u1",
                Role.ASSET_READER), Operation.ASSET_READ, leaving, Optional.empty(), target, "r2"));
        assertThrows(GoneException.class, () -> access.authorizeTenant(Identities.staff("v1", Role.PLATFORM_ADMIN),
                Operation.KEYS_ROTATE, leaving, target, "r3"));
        assertEquals(leaving, access.authorizeTenant(Identities.staff("v1", Role.PLATFORM_ADMIN),
                Operation.TENANT_READ, leaving, target, "r4").tenant().id(), "staff see where it stands");
        assertEquals(3, events.stream().filter(e -> e.outcome() == AuditEvent.Outcome.DENIED
                && e.tenantId().equals("leaving")).count());
    }

    @Test
    void vendorRoleReachesAnyTenantOfTheStampAndNoneElsewhere() {
        Caller admin = Identities.staff("v1", Role.PLATFORM_ADMIN);
        assertEquals(ACME, access.authorizeTenant(admin, Operation.TENANT_READ, ACME, T, "r").tenant().id());
        assertThrows(NotFoundException.class,
                () -> access.authorizeTenant(admin, Operation.TENANT_READ, TenantId.of("nowhere"), T, "r"));
    }

    @Test
    void aCallerWithNoRolesIsDeniedEverything() {
        Caller nobody = Identities.customer(ACME, "n");
        for (Operation op : Operation.values()) {
            assertThrows(ForbiddenException.class, () -> access.authorize(nobody, op, T, "r"), op.name());
        }
    }

    @Test
    void supportEngineerHasNoOperationWithoutAGrant() {
        Caller support = Identities.staff("v1", Role.SUPPORT_ENGINEER);
        for (Operation op : Operation.values()) {
            assertThrows(ForbiddenException.class, () -> access.authorizeTenant(support, op, ACME, T, "r"), op.name());
        }
    }
}
