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
 */
public record Caller(String subject, Optional<TenantId> tenant, Optional<Region> homeRegion, Set<Role> roles) {
    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(homeRegion, "homeRegion");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The roles joined for the audit trail, in a stable order. */
    public String rolesForAudit() {
        return roles.stream().map(Role::claimValue).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }
}
