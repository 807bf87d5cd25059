package com.strongroom.core.port;

import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import java.time.Duration;

/** The notifications queue: each message names one tenant's notice (ids only, never an address or a text). */
public interface NoticeJobs {
    void enqueue(TenantId tenant, NoticeId notice, Duration delay);
}
