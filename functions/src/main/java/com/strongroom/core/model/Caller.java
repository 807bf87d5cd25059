package com.strongroom.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated caller, as its validated token describes it.
 *
 * @param subject    stable, pseudonymous id of the person or service ({@code oid}, else {@code sub})
 * @param tenant     the customer tenant of a customer user; empty for vendor staff
 * @param homeRegion the home region of the caller's tenant, when the identity provider states it
 * @param roles      the recognised roles; unknown role names are dropped, never guessed
 * @param consent    the consent grant a support engineer acts under in this request, once access control chose it
 */
public record Caller(String subject, Optional<TenantId> tenant, Optional<Region> homeRegion, Set<Role> roles,
                     Optional<ConsentGrant> consent) {
    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(homeRegion, "homeRegion");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(consent, "consent");
    }

    /** A caller as the token describes it, before any consent grant is chosen. */
    public Caller(String subject, Optional<TenantId> tenant, Optional<Region> homeRegion, Set<Role> roles) {
        this(subject, tenant, homeRegion, roles, Optional.empty());
    }

    /** The same caller acting under {@code grant}, which the audit trail then names with its purpose and ticket. */
    public Caller underConsent(ConsentGrant grant) {
        return new Caller(subject, tenant, homeRegion, roles, Optional.of(grant));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The roles joined for the audit trail, in a stable order. */
    public String rolesForAudit() {
        return roles.stream().map(Role::claimValue).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }
}
