package com.strongroom.testing;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.CallerPolicy;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.StampRefusals;
import com.strongroom.core.consent.SupportConsent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TokenIdentity;
import com.strongroom.core.port.TenantDirectory;
import com.strongroom.core.port.TenantStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Callers as the authenticator would admit them, for core tests: customers of a tenant's directory, and staff. */
public final class Identities {
    public static final EntraTenantId VENDOR = EntraTenantId.of("0e0e0e0e-0000-4000-8000-00000000000f");
    public static final String STAFF_CONTEXT = "c1";
    public static final CallerPolicy POLICY = new CallerPolicy(VENDOR, STAFF_CONTEXT);

    private Identities() {
    }

    /** The Entra tenant the tests register on {@code tenant}. */
    public static EntraTenantId directoryOf(TenantId tenant) {
        return EntraTenantId.of(guid("directory:" + tenant.value()));
    }

    public static String objectId(EntraTenantId directory, String name) {
        return guid("oid:" + directory.value() + ":" + name);
    }

    /** A member user of the tenant's directory claiming {@code roles}. */
    public static Caller customer(TenantId tenant, String name, Role... roles) {
        return admit(directoryOf(tenant), name, Caller.PrincipalType.USER, roles);
    }

    /** A member user of the vendor's directory, signed in with MFA. */
    public static Caller staff(String name, Role... roles) {
        return POLICY.admit(new TokenIdentity(VENDOR, objectId(VENDOR, name), Caller.PrincipalType.USER, false,
                claims(roles), Set.of(STAFF_CONTEXT)));
    }

    public static Caller admit(EntraTenantId directory, String name, Caller.PrincipalType type, Role... roles) {
        return POLICY.admit(new TokenIdentity(directory, objectId(directory, name), type, false, claims(roles),
                Set.of()));
    }

    public static AccessControl accessControl(Region stamp, TenantStore tenants, SupportConsent consent,
                                              AuditRecorder audit) {
        return accessControl(stamp, tenants, new InMemoryTenantDirectory(), consent, audit);
    }

    public static AccessControl accessControl(Region stamp, TenantStore tenants, TenantDirectory directory,
                                              SupportConsent consent, AuditRecorder audit) {
        return new AccessControl(stamp, tenants, directory, consent, audit,
                new StampRefusals(audit, Clock.systemUTC()), STAFF_CONTEXT);
    }

    private static Set<String> claims(Role... roles) {
        return Arrays.stream(roles).map(Role::claimValue).collect(Collectors.toSet());
    }

    private static String guid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
