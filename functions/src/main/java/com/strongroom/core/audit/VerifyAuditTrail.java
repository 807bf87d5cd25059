package com.strongroom.core.audit;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointSigner;
import com.strongroom.core.port.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recomputes a tenant's chains and checks them against the signed checkpoints. Reports, per chain, every
 * event whose content no longer matches its hash, every broken link, every gap (deleted events), every
 * checkpoint whose signature is not the stamp's or whose hash differs from the chain, and events missing at the
 * end. Events that expired under their retention are not findings: the chain's start is then anchored by a
 * checkpoint when one names the position just before it.
 */
public final class VerifyAuditTrail {
    /** TTL runs from the write, a moment after the event's time; this much slack avoids false alarms. */
    static final Duration EXPIRY_SLACK = Duration.ofHours(1);
    private static final int BATCH = 1000;

    public enum Kind { ALTERED, BROKEN_LINK, MISSING, TRUNCATED, CHECKPOINT_MISMATCH, FORGED_CHECKPOINT }

    public record Finding(String chain, long sequence, Kind kind, String detail) {
    }

    public record ChainReport(String chain, long firstSequence, long lastSequence, int eventsChecked,
                              int checkpointsVerified, String anchor, List<Finding> findings) {
    }

    public record Report(String tenantId, boolean intact, List<ChainReport> chains) {
        public Optional<Finding> firstFinding() {
            return chains.stream().flatMap(c -> c.findings().stream()).findFirst();
        }
    }

    private final AccessControl access;
    private final AuditLog log;
    private final CheckpointStore checkpoints;
    private final CheckpointSigner signer;
    private final AuditRetention retention;
    private final int lanes;
    private final Clock clock;

    public VerifyAuditTrail(AccessControl access, AuditLog log, CheckpointStore checkpoints, CheckpointSigner signer,
                            AuditRetention retention, int lanes, Clock clock) {
        this.access = access;
        this.log = log;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.retention = retention;
        this.lanes = lanes;
        this.clock = clock;
    }

    public Operation operation() {
        return Operation.AUDIT_VERIFY;
    }

    public Report handle(Caller caller, TenantId tenant, Optional<Instant> from, Optional<Instant> to,
                         String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), tenant,
                Target.tenant(tenant).and("audit-events").and("verify"), requestId);
        Report report = verify(tenant.value(), scope.tenant().createdAt(), from, to);
        scope.succeeded();
        return report;
    }

    /**
     * Verifies every event of the tenant's chains, every lane of each, whatever the range: the range only decides which
     * events the report counts as checked, since an event's stored time is what a forger would move.
     * {@code chainsBegan} (the tenant's creation) tells whether a chain's first events could have expired yet. A lane
     * other than the first with no event, head or checkpoint was never used and is left out of the report.
     */
    public Report verify(String tenantId, Instant chainsBegan, Optional<Instant> from, Optional<Instant> to) {
        List<ChainReport> chains = new ArrayList<>();
        TimeRange range = new TimeRange(from, to);
        for (String chain : ChainedEvent.allLanes(lanes)) {
            ChainReport report = verifyChain(tenantId, chain, chainsBegan, range);
            if (ChainedEvent.laneNumberOf(chain) == 0 || report.lastSequence() > 0 || report.checkpointsVerified() > 0
                    || !report.findings().isEmpty()) {
                chains.add(report);
            }
        }
        boolean intact = chains.stream().allMatch(c -> c.findings().isEmpty());
        return new Report(tenantId, intact, chains);
    }

    /**
     * Reads the chain batch by batch, holding one batch and the signed checkpoints, never the whole chain: a tenant's
     * chain may hold millions of events, and verification must not need memory in proportion.
     */
    private ChainReport verifyChain(String tenantId, String chain, Instant chainsBegan, TimeRange range) {
        // The head first: an event appended while the chain is read lies beyond it and is not taken for a cut one.
        Optional<ChainLink> head = log.head(tenantId, chain);
        List<Finding> findings = new ArrayList<>();
        Map<Long, Checkpoint> verified = new HashMap<>();
        for (CheckpointStore.Stored stored : checkpoints.list(tenantId, chain)) {
            Optional<Checkpoint> checkpoint = signer.verify(stored.signed())
                    .filter(c -> c.tenantId().equals(tenantId) && c.chain().equals(chain));
            if (checkpoint.isEmpty()) {
                findings.add(new Finding(chain, -1, Kind.FORGED_CHECKPOINT,
                        "checkpoint " + stored.name() + " is not signed by this stamp's key for this chain"));
            } else {
                verified.put(checkpoint.get().sequence(), checkpoint.get());
            }
        }
        Map<Long, Checkpoint> unmatched = new HashMap<>(verified);
        String anchor = "none";
        ChainedEvent previous = null;
        long first = 0;
        int checked = 0;
        long next = 1;
        while (true) {
            List<ChainedEvent> batch = log.chain(tenantId, chain, next, BATCH);
            for (ChainedEvent event : batch) {
                if (range.contains(event.event().at())) {
                    checked++;
                }
                if (!event.hashMatchesContent()) {
                    findings.add(new Finding(chain, event.sequence(), Kind.ALTERED,
                            "the stored event does not match its hash"));
                }
                if (previous == null) {
                    first = event.sequence();
                    anchor = checkStart(event, verified, chainsBegan, findings);
                } else if (previous.sequence() != event.sequence() - 1) {
                    findings.add(new Finding(chain, previous.sequence() + 1, Kind.MISSING, "events "
                            + (previous.sequence() + 1) + " to " + (event.sequence() - 1) + " are missing"));
                } else if (!previous.hash().equals(event.prevHash())) {
                    findings.add(new Finding(chain, event.sequence(), Kind.BROKEN_LINK,
                            "does not follow event " + previous.sequence()));
                }
                Checkpoint signed = unmatched.remove(event.sequence());
                if (signed != null && !event.hash().equals(signed.hash())) {
                    findings.add(new Finding(chain, signed.sequence(), Kind.CHECKPOINT_MISMATCH,
                            "the chain differs from what was signed at this position"));
                }
                previous = event;
            }
            if (batch.size() < BATCH) {
                break;
            }
            next = batch.get(batch.size() - 1).sequence() + 1;
        }
        long last = previous == null ? 0 : previous.sequence();
        for (Checkpoint checkpoint : unmatched.values()) {
            boolean expired = expired(checkpoint.eventAt(), chain);
            if (checkpoint.sequence() > last && (previous != null || !expired)) {
                findings.add(new Finding(chain, last + 1, Kind.TRUNCATED, "events up to " + checkpoint.sequence()
                        + " were signed but are no longer stored"));
            } else if (checkpoint.sequence() <= last && !expired) {
                findings.add(new Finding(chain, checkpoint.sequence(), Kind.MISSING,
                        "the signed event at this position is gone before its retention ended"));
            }
        }
        // Events after the last stored one are newer than it, so cannot have expired while it is stored. When none is
        // stored, they may all have expired: only if the latest signed one (the chain's end is signed at least every
        // checkpoint period) or, without one, the chain's start cannot have expired yet, are they cut.
        boolean nothingCouldHaveExpired = previous != null || !expired(verified.values().stream()
                .max(Comparator.comparingLong(Checkpoint::sequence)).map(Checkpoint::eventAt).orElse(chainsBegan), chain);
        head.filter(h -> h.sequence() > last && nothingCouldHaveExpired)
                .ifPresent(h -> findings.add(new Finding(chain, last + 1, Kind.TRUNCATED,
                        "events up to " + h.sequence() + " were appended but are no longer stored")));
        findings.sort(Comparator.comparingLong(Finding::sequence));
        return new ChainReport(chain, first, last, checked, verified.size(), anchor, List.copyOf(findings));
    }

    private String checkStart(ChainedEvent first, Map<Long, Checkpoint> verified, Instant chainsBegan,
                              List<Finding> findings) {
        if (first.sequence() == 1) {
            if (!ChainLink.GENESIS.hash().equals(first.prevHash())) {
                findings.add(new Finding(first.chain(), 1, Kind.BROKEN_LINK, "the first event does not start the chain"));
            }
            return "genesis";
        }
        Checkpoint before = verified.get(first.sequence() - 1);
        if (before != null) {
            if (!before.hash().equals(first.prevHash())) {
                findings.add(new Finding(first.chain(), first.sequence(), Kind.BROKEN_LINK,
                        "does not follow the signed checkpoint " + before.sequence()));
            }
            return "checkpoint";
        }
        if (!expired(chainsBegan, first.chain())) {
            findings.add(new Finding(first.chain(), 1, Kind.MISSING, "events 1 to " + (first.sequence() - 1)
                    + " are gone, and none of this chain can have expired yet"));
            return "none";
        }
        return "expired";
    }

    private boolean expired(Instant eventAt, String chain) {
        return !eventAt.plus(retention.ofChain(chain)).minus(EXPIRY_SLACK).isAfter(clock.instant());
    }
}
