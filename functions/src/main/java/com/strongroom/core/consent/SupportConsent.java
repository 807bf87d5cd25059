package com.strongroom.core.consent;

import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ConsentNotices;
import com.strongroom.core.port.GrantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the consent grant under which a support engineer may make one read of a tenant's data. Grants are read
 * from the store on every request and checked against the clock, so a revocation or an expiry takes effect at
 * once, whether or not a sweep has marked it yet.
 */
public final class SupportConsent {
    /**
     * The outcome for one attempt.
     *
     * @param chosen       the grant the access is made under, when one allows it
     * @param nearest      otherwise the grant the attempt comes closest to (for the audit trail), if any
     * @param outsideScope active grants allow the permission, but none of them covers the asset
     */
    public record Decision(Optional<ConsentGrant> chosen, Optional<ConsentGrant> nearest, boolean outsideScope) {
    }

    /** A whole-tenant grant first, then the newest. */
    private static final Comparator<ConsentGrant> PREFERENCE = Comparator
            .comparing((ConsentGrant g) -> !g.scope().wholeTenant())
            .thenComparing(ConsentGrant::createdAt, Comparator.reverseOrder());

    private final GrantStore grants;
    private final ConsentNotices notices;
    private final Clock clock;

    public SupportConsent(GrantStore grants, ConsentNotices notices, Clock clock) {
        this.grants = grants;
        this.notices = notices;
        this.clock = clock;
    }

    public Decision decide(Caller caller, TenantId tenant, ConsentPermission permission, Optional<AssetId> asset) {
        Instant now = clock.instant();
        List<ConsentGrant> all = grants.forGrantee(tenant, caller.subject()).stream()
                .filter(g -> g.grantee().equals(caller.subject()) && g.tenantId().equals(tenant))
                .sorted(PREFERENCE).toList();
        List<ConsentGrant> allowing = all.stream().filter(g -> g.allows(permission, now)).toList();
        Optional<ConsentGrant> chosen = allowing.stream()
                .filter(g -> asset.map(g.scope()::covers).orElse(true)).findFirst();
        if (chosen.isPresent()) {
            return new Decision(chosen, Optional.empty(), false);
        }
        Optional<ConsentGrant> nearest = allowing.stream().findFirst()
                .or(() -> all.stream().filter(g -> g.statusAt(now) == ConsentGrant.Status.ACTIVE).findFirst())
                .or(() -> all.stream().max(Comparator.comparing(ConsentGrant::createdAt)));
        return new Decision(Optional.empty(), nearest, !allowing.isEmpty());
    }

    /**
     * Notes the first use of a grant: the notice is asked for first, then the grant is marked, so a crash between
     * the two repeats the notice (which the notifier deduplicates) rather than losing it.
     */
    public void recordUse(ConsentGrant grant) {
        if (grant.firstUsedAt().isPresent()) {
            return;
        }
        notices.firstUse(grant);
        try {
            grants.replace(grant.firstUsed(clock.instant()));
        } catch (PreconditionFailedException e) {
            // Another request marked it (or it was revoked) since it was read: its first use is already noted.
        }
    }
}
