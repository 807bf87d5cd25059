package com.strongroom.core.model;

import java.util.Objects;
import java.util.Set;

/**
 * What a validated access token says about its bearer, before Strongroom decides which of its roles to honour.
 *
 * @param directory    {@code tid}
 * @param objectId     {@code oid}
 * @param type         {@code idtyp}: an app-only token or a user's
 * @param guest        {@code acct} is 1 (a guest of the directory), or absent
 * @param claimedRoles the {@code roles} claim as sent
 * @param authContexts the {@code acrs} claim: Conditional Access authentication contexts satisfied
 */
public record TokenIdentity(EntraTenantId directory, String objectId, Caller.PrincipalType type, boolean guest,
                            Set<String> claimedRoles, Set<String> authContexts) {
    public TokenIdentity {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(type, "type");
        claimedRoles = Set.copyOf(claimedRoles);
        authContexts = Set.copyOf(authContexts);
    }
}
