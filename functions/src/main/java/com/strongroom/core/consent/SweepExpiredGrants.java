package com.strongroom.core.consent;

import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.port.GrantStore;
import java.time.Clock;
import java.util.List;

/**
 * Marks grants whose time ran out as expired, and writes that into each tenant's trail. Expiry never waits for
 * this: every request checks the clock. The sweep keeps the stored state and the customer's trail truthful.
 */
public final class SweepExpiredGrants {
    static final int BATCH = 100;

    public record Outcome(int expired, int skipped) {
    }

    private final GrantStore grants;
    private final AuditRecorder audit;
    private final Clock clock;

    public SweepExpiredGrants(GrantStore grants, AuditRecorder audit, Clock clock) {
        this.grants = grants;
        this.audit = audit;
        this.clock = clock;
    }

    public Outcome handle(String requestId) {
        int expired = 0;
        int skipped = 0;
        List<ConsentGrant> batch = grants.recordedActiveExpiredBy(clock.instant(), BATCH);
        while (!batch.isEmpty()) {
            int before = expired;
            for (ConsentGrant grant : batch) {
                try {
                    grants.replace(grant.expired());
                    audit.system(Operation.CONSENT_EXPIRE, grant.tenantId().value(),
                            Target.grant(grant.tenantId(), grant.id()).path(), requestId);
                    expired++;
                } catch (PreconditionFailedException e) {
                    // Revoked, used or swept by another instance since it was listed; the next batch sees it anew.
                    skipped++;
                }
            }
            if (expired == before) {
                break;
            }
            batch = grants.recordedActiveExpiredBy(clock.instant(), BATCH);
        }
        return new Outcome(expired, skipped);
    }
}
