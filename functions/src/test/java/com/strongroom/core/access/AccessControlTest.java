package com.strongroom.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decision order and the audit of every refusal, with in-memory ports. */
class AccessControlTest {
    static final TenantId ACME = TenantId.of("acme");

    InMemoryTenantStore tenants;
    List<AuditEvent> events;
    AccessControl access;

    @BeforeEach
    void setUp() {
        tenants = new InMemoryTenantStore();
        events = new ArrayList<>();
        tenants.create(new Tenant(ACME, "Acme", Region.WEST_EUROPE, Instant.EPOCH, "admin", TenantStatus.ACTIVE,
                new TenantKeys("local:tenant-acme/00", 1, new byte[1], new byte[1])));
        access = new AccessControl(Region.WEST_EUROPE, tenants, InMemoryGrantStore.noGrants(Clock.systemUTC()),
                new AuditRecorder(events::add, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
    }

    static Caller customer(String tenant, Region home, Role... roles) {
        return new Caller("u1", Optional.of(TenantId.of(tenant)), Optional.of(home), Set.of(roles));
    }

    static Caller vendor(Role... roles) {
        return new Caller("v1", Optional.empty(), Optional.empty(), Set.of(roles));
    }

    @Test
    void ownTenantAdminIsAllowedAndNothingIsRecordedForTheDecisionItself() {
        Tenant t = access.authorizeTenant(customer("acme", Region.WEST_EUROPE, Role.TENANT_ADMIN),
                Operation.TENANT_READ, ACME, "tenants/acme", "r1");
        assertEquals(ACME, t.id());
        assertEquals(List.of(), events);
    }

    @Test
    void roleIsCheckedFirstAndTheRefusalIsAuditedInTheTenantsTrail() {
        assertThrows(ForbiddenException.class, () -> access.authorizeTenant(
                customer("acme", Region.EAST_US, Role.ASSET_READER), Operation.TENANT_READ, ACME, "tenants/acme", "r1"));
        assertEquals(1, events.size());
        AuditEvent e = events.get(0);
        assertEquals("acme", e.tenantId());
        assertEquals(AuditEvent.Outcome.DENIED, e.outcome());
        assertEquals(AuditEvent.EventClass.SECURITY, e.eventClass());
        assertEquals("tenant.read", e.action());
        assertEquals("r1", e.requestId());
    }

    @Test
    void customerOfAnotherTenantIsForbiddenEvenWithTheRightRole() {
        assertThrows(ForbiddenException.class, () -> access.authorizeTenant(
                customer("globex", Region.WEST_EUROPE, Role.TENANT_ADMIN), Operation.TENANT_READ, ACME, "t", "r"));
        assertEquals(AuditEvent.STAMP, events.get(0).tenantId());
    }

    @Test
    void callerHomedElsewhereIsMisdirectedWithoutReadingAnyTenant() {
        int before = tenants.reads();
        MisdirectedException e = assertThrows(MisdirectedException.class, () -> access.authorizeTenant(
                customer("acme", Region.AUSTRALIA_EAST, Role.TENANT_ADMIN), Operation.TENANT_READ, ACME, "t", "r"));
        assertEquals(Region.AUSTRALIA_EAST, e.homeRegion());
        assertEquals(before, tenants.reads(), "a misdirected request reads nothing");
        assertEquals(AuditEvent.Outcome.DENIED, events.get(0).outcome());
    }

    @Test
    void vendorRoleReachesAnyTenantOfTheStampAndNoneElsewhere() {
        Caller admin = vendor(Role.PLATFORM_ADMIN);
        assertEquals(ACME, access.authorizeTenant(admin, Operation.TENANT_READ, ACME, "t", "r").id());
        assertThrows(NotFoundException.class,
                () -> access.authorizeTenant(admin, Operation.TENANT_READ, TenantId.of("nowhere"), "t", "r"));
    }

    @Test
    void aCallerWithNoRolesIsDeniedEverything() {
        Caller nobody = new Caller("n", Optional.empty(), Optional.empty(), Set.of());
        for (Operation op : Operation.values()) {
            assertThrows(ForbiddenException.class, () -> access.authorize(nobody, op, "t", "r"), op.name());
        }
    }

    @Test
    void supportEngineerHasNoOperationWithoutAGrant() {
        Caller support = vendor(Role.SUPPORT_ENGINEER);
        for (Operation op : Operation.values()) {
            assertThrows(ForbiddenException.class, () -> access.authorizeTenant(support, op, ACME, "t", "r"), op.name());
        }
    }
}
