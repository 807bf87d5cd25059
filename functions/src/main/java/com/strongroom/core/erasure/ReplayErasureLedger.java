package com.strongroom.core.erasure;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Caller;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.ErasureLedger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Erases again whatever a restore brought back: for every entry of the erasure ledger, the asset's DEK, blob and
 * document are removed, each only if present. Idempotent; run by the restore runbook (Platform.Admin) after any
 * point-in-time restore of the data, and daily by a timer over the backup window. Each asset found back is an
 * audit event of its tenant.
 */
public final class ReplayErasureLedger {
    static final Target LEDGER = new Target("erasure-ledger");

    /** How many entries were read, and how many of them named an asset that had come back. */
    public record Outcome(long entries, long reErased) {
    }

    private final AccessControl access;
    private final ErasureLedger ledger;
    private final AssetStore assets;
    private final TenantKeyring keyring;
    private final ContentStore content;
    private final AuditRecorder audit;

    public ReplayErasureLedger(AccessControl access, ErasureLedger ledger, AssetStore assets, TenantKeyring keyring,
                               ContentStore content, AuditRecorder audit) {
        this.access = access;
        this.ledger = ledger;
        this.assets = assets;
        this.keyring = keyring;
        this.content = content;
        this.audit = audit;
    }

    public Operation operation() {
        return Operation.ERASURE_LEDGER_REPLAY;
    }

    /** A Platform.Admin's replay, after a restore. */
    public Outcome handle(Caller caller, String requestId) {
        RequestScope change = access.authorize(caller, operation(), LEDGER, requestId).attempting();
        Outcome outcome = replay(requestId);
        change.succeeded();
        return outcome;
    }

    /** The timer's replay. */
    public Outcome replay(String requestId) {
        AtomicLong entries = new AtomicLong();
        AtomicLong back = new AtomicLong();
        ledger.forEach(entry -> {
            entries.incrementAndGet();
            boolean cameBack = keyring.dataKeyId(entry.tenantId(), entry.assetId()).isPresent()
                    || assets.find(entry.tenantId(), entry.assetId()).isPresent();
            keyring.destroy(entry.tenantId(), entry.assetId());
            content.delete(entry.tenantId(), entry.assetId());
            assets.delete(entry.tenantId(), entry.assetId());
            if (cameBack) {
                back.incrementAndGet();
                audit.system(operation(), entry.tenantId().value(),
                        Target.asset(entry.tenantId(), entry.assetId()).path(),
                        "erasure request " + entry.erasureId(), requestId);
            }
        });
        return new Outcome(entries.get(), back.get());
    }
}
