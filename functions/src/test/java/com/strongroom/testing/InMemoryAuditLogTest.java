package com.strongroom.testing;

import com.strongroom.core.port.AuditLog;

class InMemoryAuditLogTest extends AuditLogContract {
    private final InMemoryAuditLog log = new InMemoryAuditLog();

    @Override
    protected AuditLog log() {
        return log;
    }
}
