package com.strongroom.core.erasure;

import com.strongroom.core.access.Operation;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.port.ErasureStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Once a completed request's {@code irrecoverableAfter} has passed, no backup holds anything usable of what it
 * erased: the request becomes {@code irrecoverable} and its final receipt is issued. The receipt goes first, so a
 * run that dies between the two issues the same receipt again next time.
 */
public final class MarkErasuresIrrecoverable {
    static final int BATCH = 100;

    private final ErasureStore erasures;
    private final ErasureReceipts receipts;
    private final AuditRecorder audit;
    private final Clock clock;

    public MarkErasuresIrrecoverable(ErasureStore erasures, ErasureReceipts receipts, AuditRecorder audit,
                                     Clock clock) {
        this.erasures = erasures;
        this.receipts = receipts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Marks every request that became irrecoverable; returns how many. */
    public int handle(String requestId) {
        int marked = 0;
        Instant now = clock.instant();
        List<ErasureRequest> batch = erasures.completedIrrecoverableBy(now, BATCH);
        while (!batch.isEmpty()) {
            int before = marked;
            for (ErasureRequest request : batch) {
                ErasureRequest irrecoverable = request.irrecoverable(now);
                receipts.issue(irrecoverable, erasures.items(request.tenantId(), request.id()));
                try {
                    erasures.replace(irrecoverable);
                } catch (PreconditionFailedException e) {
                    continue;
                }
                audit.system(Operation.ERASURE_IRRECOVERABLE, request.tenantId().value(),
                        ErasureTargets.of(request).path(), requestId);
                marked++;
            }
            if (batch.size() < BATCH || marked == before) {
                break;
            }
            batch = erasures.completedIrrecoverableBy(now, BATCH);
        }
        return marked;
    }
}
