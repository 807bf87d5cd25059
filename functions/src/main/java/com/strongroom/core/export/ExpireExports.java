package com.strongroom.core.export;

import com.strongroom.core.access.Operation;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Export;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.ExportStore;
import java.time.Clock;

/**
 * The expiry timer's work: for each export past {@code expiresAt}, its key is destroyed (the keyring's TTL does so
 * too, by itself), then its blob deleted, then the export marked expired; each step is safe to repeat, so a timer
 * that dies midway finishes on its next run.
 */
public final class ExpireExports {
    static final int BATCH = 100;

    private final ExportStore exports;
    private final DataKeyStore keys;
    private final ContentStore exportContent;
    private final AuditRecorder audit;
    private final Clock clock;

    public ExpireExports(ExportStore exports, DataKeyStore keys, ContentStore exportContent, AuditRecorder audit,
                         Clock clock) {
        this.exports = exports;
        this.keys = keys;
        this.exportContent = exportContent;
        this.audit = audit;
        this.clock = clock;
    }

    /** Expires what is due; returns how many exports it marked expired. */
    public int run(String invocationId) {
        int expired = 0;
        for (Export export : exports.expiredBy(clock.instant(), BATCH)) {
            keys.delete(export.tenantId(), export.id().contentId());
            exportContent.delete(export.tenantId(), export.id().contentId());
            try {
                exports.replace(export.expired(clock.instant()));
            } catch (PreconditionFailedException e) {
                // A job finishing or failing it meanwhile: the next run sees it again, with its key and blob gone.
                continue;
            }
            audit.system(Operation.EXPORT_EXPIRE, export.tenantId().value(), Exports.target(export).path(),
                    invocationId);
            expired++;
        }
        return expired;
    }
}
