package com.strongroom.core.port;

import com.strongroom.core.model.AuditEvent;

/** Append-only audit trail. {@link #record} returns only once the event is durable, or throws. */
public interface AuditTrail {
    void record(AuditEvent event);
}
