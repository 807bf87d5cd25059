package com.strongroom.core.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.DependencyUnavailableException;
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
import com.strongroom.core.port.TenantStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryTenantDirectory;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** A customer's Entra tenant is claimed in the shared directory, then recorded on its tenant: once, anywhere. */
class TenantRegistrationTest {
    static final Caller PLATFORM_ADMIN = Identities.staff("ops", Role.PLATFORM_ADMIN);

    TestClock clock;
    InMemoryTenantStore tenants;
    InMemoryTenantDirectory directory;
    CountingKeyEncryptionKeys keks;
    List<AuditEvent> events;
    AuditRecorder audit;
    AccessControl access;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
        tenants = new InMemoryTenantStore();
        directory = new InMemoryTenantDirectory();
        keks = new CountingKeyEncryptionKeys();
        events = new ArrayList<>();
        audit = new AuditRecorder(events::add, clock);
        access = Identities.accessControl(Region.WEST_EUROPE, tenants, directory, InMemoryGrantStore.noGrants(clock),
                audit);
    }

    CreateTenant create(TenantStore store, Optional<Supplier<EntraTenantId>> placeholder) {
        return new CreateTenant(access, store, directory, keks, clock, placeholder);
    }

    static EntraTenantId newEntraTenant() {
        return EntraTenantId.of(UUID.randomUUID().toString());
    }

    static CreateTenant.Command command(String id, Optional<EntraTenantId> entraTenant) {
        return new CreateTenant.Command(TenantId.of(id), "Tenant " + id, Optional.empty(), entraTenant);
    }

    @Test
    void aTenantCreatedWithItsEntraTenantIsInTheDirectoryAndReachableByItsUsers() {
        EntraTenantId entraTenant = newEntraTenant();
        Tenant acme = create(tenants, Optional.empty()).handle(PLATFORM_ADMIN, command("acme", Optional.of(entraTenant)),
                "r1");
        assertEquals(Optional.of(entraTenant), acme.entraTenant());
        assertEquals(Optional.of(new DirectoryEntry(entraTenant, acme.id(), Region.WEST_EUROPE)),
                directory.find(entraTenant));
        Caller admin = Identities.admit(entraTenant, "admin", Caller.PrincipalType.USER, Role.TENANT_ADMIN);
        assertEquals(acme.id(), access.authorizeTenant(admin, com.strongroom.core.access.Operation.TENANT_READ,
                acme.id(), com.strongroom.core.access.Target.tenant(acme.id()), "r2").tenant().id());
    }

    @Test
    void anEntraTenantHeldByAnotherStampsTenantIsAConflictAndNothingIsCreated() {
        EntraTenantId entraTenant = newEntraTenant();
        directory.claim(new DirectoryEntry(entraTenant, TenantId.of("wombat"), Region.AUSTRALIA_EAST));
        assertThrows(ConflictException.class, () -> create(tenants, Optional.empty()).handle(PLATFORM_ADMIN,
                command("acme", Optional.of(entraTenant)), "r1"));
        assertTrue(tenants.find(TenantId.of("acme")).isEmpty());
        assertEquals(0, keks.keyCount(), "no KEK was made for a tenant that was refused");
        assertEquals(Region.AUSTRALIA_EAST, directory.find(entraTenant).orElseThrow().region());
    }

    @Test
    void aFailedStoreReleasesTheClaimAndARetryAfterACrashTakesItOver() {
        EntraTenantId entraTenant = newEntraTenant();
        TenantStore refusing = new DelegatingTenantStore(tenants) {
            @Override
            public void create(Tenant tenant) {
                throw new DependencyUnavailableException(com.strongroom.core.error.Dependency.COSMOS, new IllegalStateException("down"));
            }
        };
        assertThrows(DependencyUnavailableException.class, () -> create(refusing, Optional.empty())
                .handle(PLATFORM_ADMIN, command("acme", Optional.of(entraTenant)), "r1"));
        assertTrue(directory.find(entraTenant).isEmpty(), "the claim was released");

        // A crash after the claim: the entry stays, and the same creation, retried, completes.
        directory.claim(new DirectoryEntry(entraTenant, TenantId.of("acme"), Region.WEST_EUROPE));
        Tenant acme = create(tenants, Optional.empty()).handle(PLATFORM_ADMIN, command("acme", Optional.of(entraTenant)),
                "r2");
        assertEquals(Optional.of(entraTenant), tenants.find(acme.id()).orElseThrow().entraTenant());
    }

    @Test
    void localModeRegistersAMadeUpEntraTenantWhenNoneIsGiven() {
        EntraTenantId madeUp = newEntraTenant();
        Tenant acme = create(tenants, Optional.of(() -> madeUp)).handle(PLATFORM_ADMIN, command("acme", Optional.empty()),
                "r1");
        assertEquals(Optional.of(madeUp), acme.entraTenant());
        Tenant bare = create(tenants, Optional.empty()).handle(PLATFORM_ADMIN, command("bare", Optional.empty()), "r2");
        assertTrue(bare.entraTenant().isEmpty());
    }

    @Test
    void registeringLaterClaimsThenRecordsAndIsIdempotent() {
        Tenant bare = create(tenants, Optional.empty()).handle(PLATFORM_ADMIN, command("bare", Optional.empty()), "r1");
        RegisterEntraTenant register = new RegisterEntraTenant(access, tenants, directory);
        EntraTenantId entraTenant = newEntraTenant();
        Tenant registered = register.handle(PLATFORM_ADMIN, new RegisterEntraTenant.Command(bare.id(), entraTenant),
                "r2");
        assertEquals(Optional.of(entraTenant), registered.entraTenant());
        assertEquals(registered, register.handle(PLATFORM_ADMIN, new RegisterEntraTenant.Command(bare.id(),
                entraTenant), "r3"));
        assertThrows(ConflictException.class, () -> register.handle(PLATFORM_ADMIN,
                new RegisterEntraTenant.Command(bare.id(), newEntraTenant()), "r4"));
        assertEquals(Optional.of(entraTenant), tenants.find(bare.id()).orElseThrow().entraTenant());
        AuditEvent refused = events.get(events.size() - 1);
        assertEquals("tenant.register-directory", refused.action());
        assertEquals(AuditEvent.Outcome.FAILED, refused.outcome());
    }

    @Test
    void anEntraTenantAlreadyOnAnotherTenantCannotBeRegisteredAgain() {
        EntraTenantId entraTenant = newEntraTenant();
        create(tenants, Optional.empty()).handle(PLATFORM_ADMIN, command("acme", Optional.of(entraTenant)), "r1");
        Tenant bare = create(tenants, Optional.empty()).handle(PLATFORM_ADMIN, command("bare", Optional.empty()), "r2");
        RegisterEntraTenant register = new RegisterEntraTenant(access, tenants, directory);
        assertThrows(ConflictException.class, () -> register.handle(PLATFORM_ADMIN,
                new RegisterEntraTenant.Command(bare.id(), entraTenant), "r3"));
        assertTrue(tenants.find(bare.id()).orElseThrow().entraTenant().isEmpty());
    }

    @Test
    void onlyAPlatformAdminWithMfaRegisters() {
        Tenant bare = create(tenants, Optional.empty()).handle(PLATFORM_ADMIN, command("bare", Optional.empty()), "r1");
        RegisterEntraTenant register = new RegisterEntraTenant(access, tenants, directory);
        Caller tenantAdmin = Identities.customer(bare.id(), "admin", Role.TENANT_ADMIN);
        assertThrows(com.strongroom.core.error.ForbiddenException.class, () -> register.handle(tenantAdmin,
                new RegisterEntraTenant.Command(bare.id(), newEntraTenant()), "r2"));
        assertTrue(tenants.find(bare.id()).orElseThrow().entraTenant().isEmpty());
    }

    /** A tenant store that passes every call on, so a test can make one of them fail. */
    static class DelegatingTenantStore implements TenantStore {
        private final TenantStore delegate;

        DelegatingTenantStore(TenantStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Tenant> find(TenantId id) {
            return delegate.find(id);
        }

        @Override
        public Optional<Tenant> findByEntraTenant(EntraTenantId entraTenant) {
            return delegate.findByEntraTenant(entraTenant);
        }

        @Override
        public void replaceKeys(TenantId id, TenantKeys expected, TenantKeys replacement) {
            delegate.replaceKeys(id, expected, replacement);
        }

        @Override
        public void registerEntraTenant(TenantId id, EntraTenantId entraTenant) {
            delegate.registerEntraTenant(id, entraTenant);
        }

        @Override
        public void create(Tenant tenant) {
            delegate.create(tenant);
        }

        @Override
        public void changeStatus(TenantId id, TenantStatus status) {
            delegate.changeStatus(id, status);
        }

        @Override
        public void strip(TenantId id) {
            delegate.strip(id);
        }

        @Override
        public java.util.List<TenantId> ids(int limit, Optional<TenantId> after) {
            return delegate.ids(limit, after);
        }
    }
}
