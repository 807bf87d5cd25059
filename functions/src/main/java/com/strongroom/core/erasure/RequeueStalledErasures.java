package com.strongroom.core.erasure;

import com.strongroom.core.access.Operation;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.core.port.ErasureStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Queues the job again for every request approved a while ago that never started: its approval was stored but the
 * message was lost (the approver's request died between the two, or the queue refused it). A job already queued and
 * merely late runs twice, which changes nothing.
 */
public final class RequeueStalledErasures {
    /** Far longer than a queued job waits for a worker, even with the host's polling backed off. */
    public static final Duration STALLED_AFTER = Duration.ofMinutes(15);
    static final int BATCH = 100;

    private final ErasureStore erasures;
    private final ErasureJobs jobs;
    private final AuditRecorder audit;
    private final Clock clock;

    public RequeueStalledErasures(ErasureStore erasures, ErasureJobs jobs, AuditRecorder audit, Clock clock) {
        this.erasures = erasures;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /** Queues the stalled requests again; returns how many. */
    public int handle(String requestId) {
        Instant before = clock.instant().minus(STALLED_AFTER);
        int queued = 0;
        for (ErasureRequest request : erasures.approvedBefore(before, BATCH)) {
            audit.system(Operation.ERASURE_RUN, request.tenantId().value(), ErasureTargets.of(request).path(),
                    "queued again: approved at " + request.approval().orElseThrow().at() + " and not started",
                    requestId);
            jobs.enqueue(new ErasureJobs.Job(request.tenantId(), request.id(), Optional.empty()));
            queued++;
        }
        return queued;
    }
}
