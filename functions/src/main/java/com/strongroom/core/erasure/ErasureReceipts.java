package com.strongroom.core.erasure;

import com.strongroom.core.audit.CanonicalJson;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.port.ReceiptSigner;
import com.strongroom.core.port.ReceiptStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed receipt of an erasure (docs/formats.md): a JWS whose payload is the RFC 8785 canonical JSON of what
 * was erased, what was retained and why, the keys destroyed, and from when no backup holds anything usable. The
 * payload depends only on the stored request and its items, and RS256 signatures are deterministic, so a job that
 * issues it again after a crash issues the same bytes.
 */
public final class ErasureReceipts {
    public static final String METHOD = "crypto-shred";

    /**
     * How long backups keep what an erasure removes: the keyring account's backups (after which no copy of a
     * destroyed DEK exists, so no copy of the content can be read) and the metadata account's (which hold the asset
     * documents: file names and free metadata).
     */
    public record BackupRetention(Duration keyring, Duration metadata) {
        public Duration longest() {
            return keyring.compareTo(metadata) >= 0 ? keyring : metadata;
        }
    }

    private final ReceiptSigner signer;
    private final ReceiptStore store;
    private final BackupRetention retention;

    public ErasureReceipts(ReceiptSigner signer, ReceiptStore store, BackupRetention retention) {
        this.signer = signer;
        this.store = store;
        this.retention = retention;
    }

    /** The completion of a request finishing at {@code at}: its times, and the hash of the receipt it will have. */
    public ErasureRequest.Completion completion(ErasureRequest request, List<ErasureItem> items, Instant at) {
        Instant irrecoverableAfter = at.plus(retention.longest());
        return new ErasureRequest.Completion(at, irrecoverableAfter,
                sha256Hex(payload(request, items, new ErasureRequest.Completion(at, irrecoverableAfter, ""))));
    }

    /** Signs and stores the receipt of a completed (or irrecoverable) request. */
    public void issue(ErasureRequest request, List<ErasureItem> items) {
        ErasureRequest.Completion completion = request.completion().orElseThrow(
                () -> new IllegalStateException("erasure request " + request.id() + " has not completed"));
        store.put(request.tenantId(), request.id(), signer.sign(payload(request, items, completion)));
    }

    /** Issues the receipt unless it is stored already; true when it was missing. */
    public boolean ensureIssued(ErasureRequest request, List<ErasureItem> items) {
        if (store.find(request.tenantId(), request.id()).isPresent()) {
            return false;
        }
        issue(request, items);
        return true;
    }

    /** The receipt's payload; its hash field of {@code completion} is not part of it. */
    byte[] payload(ErasureRequest request, List<ErasureItem> items, ErasureRequest.Completion completion) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("typ", "strongroom-erasure-receipt");
        p.put("receiptId", request.id().value() + (request.state() == ErasureRequest.State.IRRECOVERABLE
                ? ":irrecoverable" : ":completed"));
        p.put("erasureRequestId", request.id().value());
        p.put("tenantId", request.tenantId().value());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("blindIndex", request.subjectIndex());
        subject.put("reference", request.reference().orElse(null));
        p.put("subject", subject);
        p.put("receivedAt", request.receivedAt().toString());
        p.put("dueAt", request.dueAt().toString());
        p.put("completedAt", completion.at().toString());
        p.put("method", METHOD);
        List<ErasureItem> sorted = items.stream().sorted(Comparator.comparing(i -> i.assetId().value())).toList();
        p.put("erased", sorted.stream().filter(i -> i.outcome() == ErasureItem.Outcome.ERASED).map(i -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("assetId", i.assetId().value());
            e.put("size", i.size());
            e.put("dekId", i.dekId().orElse(null));
            e.put("matchedAfterPreview", i.matchedAfterPreview());
            return e;
        }).toList());
        p.put("retained", sorted.stream().filter(i -> i.outcome() == ErasureItem.Outcome.RETAINED).map(i -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("assetId", i.assetId().value());
            r.put("reason", "legal hold: " + i.retainedBecause().orElse(""));
            return r;
        }).toList());
        p.put("keysDestroyed", sorted.stream().filter(i -> i.outcome() == ErasureItem.Outcome.ERASED)
                .flatMap(i -> i.dekId().stream()).toList());
        p.put("keysIrrecoverableAfter", completion.at().plus(retention.keyring()).toString());
        p.put("irrecoverableAfter", completion.irrecoverableAfter().toString());
        p.put("status", request.state() == ErasureRequest.State.IRRECOVERABLE ? "irrecoverable" : "completed");
        return CanonicalJson.bytes(p);
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(ContentFormat.sha256().digest(bytes));
    }
}
