package com.strongroom.core.erasure;

import com.strongroom.core.access.Operation;
import com.strongroom.core.access.Target;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest.State;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.ErasureJobs;
import com.strongroom.core.port.ErasureLedger;
import com.strongroom.core.port.ErasureStore;
import com.strongroom.core.port.UploadStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * The erasure job, one chunk of at most {@link #CHUNK} matching assets per message: the subjects are matched again
 * as it runs (so assets tagged after the preview are erased too), assets under legal hold are retained and reported,
 * and each other asset is erased in this order: recorded as pending with its DEK id, entered in the erasure ledger,
 * its DEK destroyed (from here every copy of its content, in every backup, is unreadable), its blob with every
 * snapshot and version deleted, its document (with its subject index) deleted, and recorded as erased. The DEK ids
 * are read, and the records written, once per chunk (a query and a transactional batch); the destroying runs for up
 * to {@link #PARALLEL_ASSETS} assets at once. After the last
 * chunk, open upload sessions tagged with a subject are aborted, anything a crash left pending is finished, and the
 * request completes with its signed receipt.
 *
 * <p>Delivery is at least once and two workers may race on one message: every step is idempotent, the request's
 * state moves only by compare-and-set on its version, and the receipt's content depends only on what is stored, so
 * the end state and the receipt are those of a single clean run. The completion event in the audit trail may be
 * recorded twice (with the same receipt hash) if a worker dies between recording it and storing the receipt.
 */
public final class RunErasure {
    public static final int CHUNK = 100;
    /** Assets of a chunk whose steps run at once: each asset's steps are its own, and its calls mostly wait. */
    static final int PARALLEL_ASSETS = 16;
    private static final Logger LOG = Logger.getLogger(RunErasure.class.getName());

    /** Where a job stopped, named in the failed request (no personal data). */
    public enum Step {
        START("start"), MATCH("match"), RECORD("record"), LEDGER("ledger"), DESTROY_KEY("destroy-key"),
        DELETE_CONTENT("delete-content"), DELETE_DOCUMENT("delete-document"), ABORT_UPLOADS("abort-uploads"),
        COMPLETE("complete");

        private final String wire;

        Step(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final ErasureStore erasures;
    private final AssetStore assets;
    private final UploadStore uploads;
    private final TenantKeyring keyring;
    private final ContentStore content;
    private final ErasureLedger ledger;
    private final ErasureJobs jobs;
    private final ErasureReceipts receipts;
    private final AuditRecorder audit;
    private final Clock clock;
    private final ExecutorService perAsset = Executors.newFixedThreadPool(PARALLEL_ASSETS, r -> {
        Thread thread = new Thread(r, "erasure-asset");
        thread.setDaemon(true);
        return thread;
    });

    public RunErasure(ErasureStore erasures, AssetStore assets, UploadStore uploads, TenantKeyring keyring,
                      ContentStore content, ErasureLedger ledger, ErasureJobs jobs, ErasureReceipts receipts,
                      AuditRecorder audit, Clock clock) {
        this.erasures = erasures;
        this.assets = assets;
        this.uploads = uploads;
        this.keyring = keyring;
        this.content = content;
        this.ledger = ledger;
        this.jobs = jobs;
        this.receipts = receipts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs one message; throws to have it delivered again (after the last delivery, the request is failed first). */
    public void handle(ErasureJobs.Job job, QueueDelivery delivery) {
        Step[] step = {Step.START};
        try {
            run(job, delivery.invocationId(), step);
        } catch (StepFailed e) {
            if (delivery.last()) {
                fail(job, e.step, e.cause, delivery.invocationId());
            }
            throw e.cause;
        } catch (RuntimeException e) {
            if (delivery.last()) {
                fail(job, step[0], e, delivery.invocationId());
            }
            throw e;
        }
    }

    /** A failure of one asset's step, run on a worker thread of the chunk. */
    private static final class StepFailed extends RuntimeException {
        private final Step step;
        private final RuntimeException cause;

        StepFailed(Step step, RuntimeException cause) {
            super(cause);
            this.step = step;
            this.cause = cause;
        }
    }

    private void run(ErasureJobs.Job job, String invocationId, Step[] step) {
        Optional<ErasureRequest> found = erasures.find(job.tenantId(), job.erasureId());
        if (found.isEmpty()) {
            LOG.warning("erasure job for unknown request " + job.erasureId() + " ignored");
            return;
        }
        ErasureRequest request = found.get();
        if (request.state().done()) {
            step[0] = Step.COMPLETE;
            List<ErasureItem> items = erasures.items(request.tenantId(), request.id());
            if (receipts.ensureIssued(request, items)) {
                recordCompletion(request, invocationId);
            }
            return;
        }
        if (request.state() != State.APPROVED && request.state() != State.RUNNING) {
            LOG.info("erasure job for request " + request.id() + " ignored: it is " + request.state().wire());
            return;
        }
        if (request.state() == State.APPROVED) {
            audit.system(Operation.ERASURE_RUN, request.tenantId().value(), target(request), invocationId);
            request = started(request);
            if (request.state() != State.RUNNING) {
                return;
            }
        }
        step[0] = Step.MATCH;
        List<Asset> chunk = assets.concerning(request.tenantId(), request.subjectIndex(), job.after(), CHUNK);
        erase(request, chunk, step);
        if (chunk.size() == CHUNK) {
            jobs.enqueue(new ErasureJobs.Job(job.tenantId(), job.erasureId(),
                    Optional.of(chunk.get(chunk.size() - 1).id())));
            return;
        }
        step[0] = Step.ABORT_UPLOADS;
        abortUploads(request, invocationId);
        List<ErasureItem> items = finishPending(request);
        step[0] = Step.COMPLETE;
        complete(request, items, invocationId);
    }

    private ErasureRequest started(ErasureRequest request) {
        try {
            return erasures.replace(request.running(clock.instant()));
        } catch (PreconditionFailedException e) {
            // Another worker started it, or it was cancelled meanwhile: go on from what is stored.
            return erasures.find(request.tenantId(), request.id()).orElseThrow();
        }
    }

    private void erase(ErasureRequest request, List<Asset> chunk, Step[] step) {
        Set<AssetId> previewed = new HashSet<>(request.previewAssets());
        step[0] = Step.RECORD;
        List<Asset> erasable = chunk.stream().filter(a -> a.legalHold().isEmpty()).toList();
        Map<AssetId, String> dekIds = keyring.dataKeyIds(request.tenantId(),
                erasable.stream().map(Asset::id).toList());
        List<ErasureItem> recorded = new ArrayList<>();
        List<ErasureItem> pending = new ArrayList<>();
        for (Asset asset : chunk) {
            boolean afterPreview = !previewed.contains(asset.id());
            if (asset.legalHold().isPresent()) {
                recorded.add(new ErasureItem(request.tenantId(), request.id(), asset.id(),
                        ErasureItem.Outcome.RETAINED, asset.size(), Optional.empty(),
                        Optional.of(asset.legalHold().get().reason()), afterPreview, clock.instant()));
                continue;
            }
            // A redelivered job finds the DEK already gone if it died after destroying it; the record it stored
            // first still names the DEK.
            Optional<ErasureItem> earlier = dekIds.containsKey(asset.id()) ? Optional.empty()
                    : erasures.item(request.tenantId(), request.id(), asset.id());
            ErasureItem item = earlier.orElseGet(() -> new ErasureItem(request.tenantId(), request.id(), asset.id(),
                    ErasureItem.Outcome.PENDING, asset.size(), Optional.ofNullable(dekIds.get(asset.id())),
                    Optional.empty(), afterPreview, clock.instant()));
            pending.add(item);
            if (earlier.isEmpty()) {
                recorded.add(item);
            }
        }
        erasures.putItems(recorded);
        if (pending.isEmpty()) {
            return;
        }
        step[0] = Step.LEDGER;
        ledger.append(pending.stream().map(i -> new ErasureLedger.Entry(i.tenantId(), i.assetId(), i.dekId(),
                i.erasureId(), i.at())).toList());
        destroyAll(pending);
    }

    /**
     * Destroys the DEK, blob and document of every pending item, up to {@link #PARALLEL_ASSETS} at once, then records
     * those destroyed as erased in one write; the first failure is thrown after that, so what was done is recorded.
     */
    private void destroyAll(List<ErasureItem> pending) {
        List<Future<ErasureItem>> futures = new ArrayList<>();
        for (ErasureItem item : pending) {
            futures.add(perAsset.submit(() -> {
                destroy(item);
                return item.erased(clock.instant());
            }));
        }
        List<ErasureItem> erased = new ArrayList<>();
        Throwable first = null;
        for (Future<ErasureItem> future : futures) {
            try {
                erased.add(future.get());
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while erasing", e);
            }
        }
        if (first instanceof Error error) {
            throw error;
        }
        erasures.putItems(erased);
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
    }

    private void destroy(ErasureItem item) {
        Step step = Step.DESTROY_KEY;
        try {
            keyring.destroy(item.tenantId(), item.assetId());
            step = Step.DELETE_CONTENT;
            content.delete(item.tenantId(), item.assetId());
            step = Step.DELETE_DOCUMENT;
            assets.delete(item.tenantId(), item.assetId());
        } catch (RuntimeException e) {
            throw new StepFailed(step, e);
        }
    }

    private void abortUploads(ErasureRequest request, String invocationId) {
        List<UploadSession> sessions;
        do {
            sessions = uploads.concerning(request.tenantId(), request.subjectIndex(), CHUNK);
            for (UploadSession session : sessions) {
                keyring.destroy(session.tenantId(), session.id());
                content.delete(session.tenantId(), session.id());
                uploads.delete(session.tenantId(), session.id());
                audit.system(Operation.ERASURE_RUN, request.tenantId().value(),
                        Target.upload(session.tenantId(), session.id()).path(), invocationId);
            }
        } while (!sessions.isEmpty());
    }

    /** Finishes every asset a worker that died left pending (its document may already be gone, so no match finds it). */
    private List<ErasureItem> finishPending(ErasureRequest request) {
        List<ErasureItem> items = erasures.items(request.tenantId(), request.id());
        List<ErasureItem> pending = items.stream().filter(i -> i.outcome() == ErasureItem.Outcome.PENDING).toList();
        for (int from = 0; from < pending.size(); from += CHUNK) {
            destroyAll(pending.subList(from, Math.min(pending.size(), from + CHUNK)));
        }
        return pending.isEmpty() ? items : erasures.items(request.tenantId(), request.id());
    }

    private void complete(ErasureRequest request, List<ErasureItem> items, String invocationId) {
        ErasureRequest completed;
        try {
            completed = erasures.replace(request.completed(receipts.completion(request, items, clock.instant())));
        } catch (PreconditionFailedException e) {
            ErasureRequest now = erasures.find(request.tenantId(), request.id()).orElseThrow();
            if (now.state().done()) {
                receipts.ensureIssued(now, erasures.items(now.tenantId(), now.id()));
                return;
            }
            throw e;
        }
        recordCompletion(completed, invocationId);
        receipts.issue(completed, items);
    }

    private void recordCompletion(ErasureRequest completed, String invocationId) {
        audit.system(Operation.ERASURE_COMPLETE, completed.tenantId().value(), target(completed),
                "receipt sha256:" + completed.completion().orElseThrow().receiptSha256(), invocationId);
    }

    private void fail(ErasureJobs.Job job, Step step, RuntimeException error, String invocationId) {
        try {
            ErasureRequest request = erasures.find(job.tenantId(), job.erasureId()).orElseThrow();
            if (request.state() == State.RUNNING || request.state() == State.APPROVED) {
                erasures.replace(request.failed(new ErasureRequest.Failure(step.wire(),
                        error.getClass().getSimpleName(), clock.instant())));
                audit.system(Operation.ERASURE_FAIL, request.tenantId().value(), target(request), invocationId);
            }
        } catch (RuntimeException e) {
            LOG.warning("erasure request " + job.erasureId() + " could not be marked failed: "
                    + e.getClass().getName());
        }
    }

    private static String target(ErasureRequest request) {
        return ErasureTargets.of(request).path();
    }
}
