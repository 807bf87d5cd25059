package com.strongroom.core.port;

import com.strongroom.core.model.ConsentGrant;

/** Tells a tenant's admins about the use of their consent; delivery is the notifier's business. */
public interface ConsentNotices {
    /**
     * Asks for one notice that {@code grant} was used for the first time. May be asked more than once for the same
     * grant (two first requests racing); the request carries a key the notifier deduplicates on.
     */
    void firstUse(ConsentGrant grant);
}
