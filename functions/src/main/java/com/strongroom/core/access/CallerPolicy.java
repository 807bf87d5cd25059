package com.strongroom.core.access;

import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Caller.Affiliation;
import com.strongroom.core.model.Caller.PrincipalType;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.TokenIdentity;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which roles of a token Strongroom honours. App roles are assigned by the admins of the directory the caller
 * signed in to, so a role means only what that directory may decide: staff roles count only from the vendor's
 * directory, for its member users (not guests, not applications); customer roles count only from any other
 * directory, and then only for the tenant registered to it (see {@link AccessControl}).
 */
public final class CallerPolicy {
    private final EntraTenantId vendorDirectory;
    private final String staffAuthContext;

    /**
     * @param vendorDirectory  the Entra tenant of the vendor's staff
     * @param staffAuthContext the Conditional Access authentication context id (for example {@code c1}) whose policy
     *                         requires MFA; staff operations need it in the token's {@code acrs}
     */
    public CallerPolicy(EntraTenantId vendorDirectory, String staffAuthContext) {
        this.vendorDirectory = Objects.requireNonNull(vendorDirectory, "vendorDirectory");
        this.staffAuthContext = Objects.requireNonNull(staffAuthContext, "staffAuthContext");
    }

    public Caller admit(TokenIdentity token) {
        boolean staff = token.directory().equals(vendorDirectory);
        boolean staffRolesAllowed = staff && token.type() == PrincipalType.USER && !token.guest();
        Set<Role> honoured = EnumSet.noneOf(Role.class);
        for (String claimed : token.claimedRoles()) {
            Optional<Role> role = Role.fromClaim(claimed);
            if (role.isEmpty()) {
                continue;
            }
            boolean allowed = role.get().kind() == Role.Kind.VENDOR ? staffRolesAllowed : !staff;
            if (allowed) {
                honoured.add(role.get());
            }
        }
        return new Caller(token.directory(), token.objectId(), token.type(),
                staff ? Affiliation.STAFF : Affiliation.CUSTOMER,
                staff && token.authContexts().contains(staffAuthContext), honoured, Optional.empty());
    }

    public String staffAuthContext() {
        return staffAuthContext;
    }
}
