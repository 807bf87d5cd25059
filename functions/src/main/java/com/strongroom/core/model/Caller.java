package com.strongroom.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated caller: the Entra object {@code objectId} of the directory {@code directory}, with the roles
 * Strongroom honours from that directory (see {@code CallerPolicy}); claimed roles that the directory may not give
 * are already dropped.
 *
 * @param directory     the Entra tenant the caller signed in to ({@code tid})
 * @param objectId      the user or service principal in that directory ({@code oid}); a guest has an object id of
 *                      its own in each directory it was invited to
 * @param type          a signed-in user, or an application acting as itself
 * @param affiliation   vendor staff (the vendor's directory) or a customer's user
 * @param stepUp        the token carries the authentication context that staff operations require (MFA)
 * @param roles         the honoured roles
 * @param consent       the consent grant a support engineer acts under in this request, once access control chose it
 */
public record Caller(EntraTenantId directory, String objectId, PrincipalType type, Affiliation affiliation,
                     boolean stepUp, Set<Role> roles, Optional<ConsentGrant> consent) {
    public enum PrincipalType { USER, APPLICATION }

    public enum Affiliation { STAFF, CUSTOMER }

    public Caller {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(affiliation, "affiliation");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(consent, "consent");
    }

    /** The same caller acting under {@code grant}, which the audit trail then names with its purpose and ticket. */
    public Caller underConsent(ConsentGrant grant) {
        return new Caller(directory, objectId, type, affiliation, stepUp, roles, Optional.of(grant));
    }

    /** The id records name the caller by (creator, grantor, grantee): the object id, unique across directories. */
    public String subject() {
        return objectId;
    }

    /** How the audit trail names the caller: {@code <oid>@<tid>}. */
    public String auditName() {
        return objectId + "@" + directory.value();
    }

    public boolean isStaff() {
        return affiliation == Affiliation.STAFF;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The roles joined for the audit trail, in a stable order. */
    public String rolesForAudit() {
        return roles.stream().map(Role::claimValue).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }
}
