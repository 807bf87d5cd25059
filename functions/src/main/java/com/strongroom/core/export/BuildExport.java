package com.strongroom.core.export;

import com.strongroom.core.access.Operation;
import com.strongroom.core.asset.ContentReader;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.audit.CanonicalJson;
import com.strongroom.core.audit.ChainedEvent;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.AuditLog;
import com.strongroom.core.port.CheckpointStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.ExportStore;
import com.strongroom.core.port.ReceiptSigner;
import com.strongroom.core.port.TenantStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@code tenant-jobs} worker for exports: builds a tenant's package (docs/exports.md) and makes it ready.
 * <p>
 * Every step is safe to repeat. The package is a function of what it holds (assets created before the request, in
 * listing order; audit events up to the request), so a redelivered job writes it again, skipping the blocks already
 * stored once their plaintext checks out; if it no longer does (an asset deleted meanwhile), the job starts the
 * package over. Two workers racing write the same blocks under the same ids; the export's version decides which of
 * them records progress, and both commit the same block list.
 */
public final class BuildExport {
    static final int LIST_PAGE = 200;
    static final int AUDIT_PAGE = 500;

    public record Job(TenantId tenantId, ExportId exportId) {
    }

    private final ExportStore exports;
    private final TenantStore tenants;
    private final AssetStore assets;
    private final TenantKeyring keyring;
    private final ContentReader assetContent;
    private final ContentStore exportContent;
    private final AuditLog auditLog;
    private final CheckpointStore checkpoints;
    private final ReceiptSigner signer;
    private final AuditRecorder audit;
    private final Clock clock;

    public BuildExport(ExportStore exports, TenantStore tenants, AssetStore assets, TenantKeyring keyring,
                       ContentStore assetContent, ContentStore exportContent, AuditLog auditLog,
                       CheckpointStore checkpoints, ReceiptSigner signer, AuditRecorder audit, Clock clock) {
        this.exports = exports;
        this.tenants = tenants;
        this.assets = assets;
        this.keyring = keyring;
        this.assetContent = new ContentReader(assetContent);
        this.exportContent = exportContent;
        this.auditLog = auditLog;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    public void handle(Job job, QueueDelivery delivery) {
        Optional<Export> found = exports.find(job.tenantId(), job.exportId());
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        Export export = found.get();
        try {
            if (export.state() == Export.State.QUEUED) {
                export = exports.replace(export.running(clock.instant()));
            }
            build(export, delivery);
        } catch (RuntimeException e) {
            if (delivery.last()) {
                fail(job, e, delivery);
            }
            throw e;
        }
    }

    private void build(Export started, QueueDelivery delivery) {
        Tenant tenant = tenants.find(started.tenantId())
                .orElseThrow(() -> new NotFoundException("no tenant " + started.tenantId()));
        if (tenant.status() == TenantStatus.PURGING || tenant.status() == TenantStatus.DELETED) {
            // The purge deletes this export with everything else; building it now would only leave blocks behind.
            return;
        }
        byte[] key = exportKey(tenant, started);
        try {
            Progressing progress = new Progressing(started);
            PackageSink.Sealed sealed;
            try {
                sealed = write(tenant, started, key, progress, started.progress());
            } catch (PackageSink.PackageChangedException e) {
                progress.restart();
                sealed = write(tenant, started, key, progress, Export.Progress.NONE);
            }
            List<String> blockIds = new ArrayList<>();
            for (int i = 0; i < sealed.blocks(); i++) {
                blockIds.add(blockId(i));
            }
            // A racing worker that finished first has committed the same package and made it ready: leave it be.
            if (exports.find(started.tenantId(), started.id()).map(Export::finished).orElse(true)) {
                return;
            }
            exportContent.commit(started.tenantId(), started.id().contentId(), blockIds);
            Export ready = progress.current().ready(new Export.Package(sealed.length(), sealed.blocks(),
                    progress.assetsTotal, progress.payloadBytes), progress.bytesDone, clock.instant());
            exports.replace(ready);
            audit.system(Operation.EXPORT_READY, started.tenantId().value(), target(started),
                    "package " + sealed.length() + " bytes, " + progress.assetsTotal + " assets",
                    delivery.invocationId());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] exportKey(Tenant tenant, Export export) {
        try {
            return keyring.dataKey(tenant, export.id().contentId());
        } catch (NotFoundException e) {
            return keyring.newDataKey(tenant, export.id().contentId(), Optional.of(export.expiresAt()));
        }
    }

    /** Writes the whole package through a sink that resumes after {@code from}'s stored blocks. */
    private PackageSink.Sealed write(Tenant tenant, Export export, byte[] key, Progressing progress,
                                     Export.Progress from) {
        progress.assetsTotal = count(export);
        PackageSink sink = new PackageSink(new ContentFormat.Encryptor(key, export.id().value()),
                (index, stored, length) -> exportContent.stage(export.tenantId(), export.id().contentId(),
                        blockId(index), stored, length),
                progress::staged, from.stagedBlocks(), from.stagedChecksum());
        ZipWriter zip = new ZipWriter(sink, export.requestedAt());
        BagWriter bag = new BagWriter(zip, "strongroom-export-" + export.id().value());
        MessageDigest written = ContentFormat.sha256();
        Set<String> ids = new HashSet<>();
        int[] held = {0};
        forEachIncluded(export, asset -> {
            written.update(asset.id().value().getBytes(StandardCharsets.US_ASCII));
            writeContent(tenant, bag, asset);
            progress.assetDone(asset.size());
            held[0] += asset.legalHold().isPresent() ? 1 : 0;
            if (export.ofSubject()) {
                ids.add(asset.id().value());
            }
        });
        // Listed again for the metadata: the same assets, or the package would describe files it does not hold.
        if (!Arrays.equals(written.digest(), writeMetadata(bag, export))) {
            throw new PackageSink.PackageChangedException();
        }
        writeAuditTrail(bag, export, ids);
        progress.payloadBytes = bag.payloadBytes();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Source-Organization", "Strongroom");
        info.put("External-Identifier", export.id().value());
        info.put("External-Description", (export.ofSubject() ? "A data subject's copy (GDPR Art. 15 and 20) from"
                : "Export of") + " tenant " + export.tenantId().value() + " requested " + export.requestedAt());
        info.put("Strongroom-Kind", export.ofSubject() ? "data-subject" : "tenant");
        export.subjects().flatMap(Export.Subjects::reference).ifPresent(r -> info.put("Strongroom-Reference", r));
        info.put("Strongroom-Tenant", export.tenantId().value());
        info.put("Strongroom-Region", tenant.homeRegion().azureName());
        info.put("Strongroom-Assets", Integer.toString(progress.assetsDone));
        info.put("Strongroom-Assets-Under-Legal-Hold", Integer.toString(held[0]));
        bag.finish(info, export.requestedAt().toString().substring(0, 10), signer::sign);
        return sink.finish();
    }

    private void writeContent(Tenant tenant, BagWriter bag, Asset asset) {
        byte[] dek = null;
        try (OutputStream out = bag.payload(pathOf(asset).substring("data/".length()))) {
            dek = keyring.dataKey(tenant, asset.id());
            assetContent.decrypt(tenant.id(), asset.id(), dek, asset.size(), 0, asset.size(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dek != null) {
                Arrays.fill(dek, (byte) 0);
            }
        }
    }

    private int count(Export export) {
        int[] count = {0};
        forEachIncluded(export, asset -> count[0]++);
        return count[0];
    }

    static String pathOf(Asset asset) {
        return "data/assets/" + asset.id().value() + "/" + BagWriter.safeFileName(asset.name());
    }

    /**
     * The assets an export holds: active, and created before it was requested, in the store's listing order; for a
     * data subject's copy, only those tagged with the subject (under legal hold or not), in id order.
     */
    private void forEachIncluded(Export export, Consumer<Asset> each) {
        Predicate<Asset> included = a -> a.visible() && !a.createdAt().isAfter(export.requestedAt());
        if (export.ofSubject()) {
            List<String> index = export.subjects().orElseThrow().index();
            Optional<AssetId> after = Optional.empty();
            List<Asset> chunk;
            do {
                chunk = assets.concerning(export.tenantId(), index, after, LIST_PAGE);
                chunk.stream().filter(included).forEach(each);
                after = chunk.isEmpty() ? after : Optional.of(chunk.get(chunk.size() - 1).id());
            } while (chunk.size() == LIST_PAGE);
            return;
        }
        Optional<String> continuation = Optional.empty();
        do {
            AssetStore.Page page = assets.list(export.tenantId(), Optional.empty(), LIST_PAGE, continuation);
            page.assets().stream().filter(included).forEach(each);
            continuation = page.continuation();
        } while (continuation.isPresent());
    }

    /** Writes data/assets.json and returns the digest of the ids it lists, in order. */
    private byte[] writeMetadata(BagWriter bag, Export export) {
        MessageDigest listed = ContentFormat.sha256();
        try (OutputStream out = bag.payload("assets.json")) {
            out.write('[');
            boolean[] first = {true};
            forEachIncluded(export, asset -> {
                listed.update(asset.id().value().getBytes(StandardCharsets.US_ASCII));
                try {
                    out.write(first[0] ? "\n".getBytes(StandardCharsets.US_ASCII)
                            : ",\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(CanonicalJson.bytes(metadata(asset)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                first[0] = false;
            });
            out.write("\n]\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listed.digest();
    }

    static Map<String, Object> metadata(Asset asset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", asset.id().value());
        m.put("name", asset.name());
        m.put("path", pathOf(asset));
        m.put("contentType", asset.contentType());
        m.put("size", asset.size());
        m.put("sha256", asset.sha256());
        m.put("metadata", new LinkedHashMap<>(asset.metadata()));
        m.put("subjectCount", asset.subjectIndex().size());
        asset.legalHold().ifPresent(h -> m.put("legalHold", Map.of("reason", h.reason(), "since",
                h.since().toString())));
        m.put("createdAt", asset.createdAt().toString());
        m.put("createdBy", asset.createdBy());
        m.put("updatedAt", asset.updatedAt().toString());
        return m;
    }

    /**
     * The tenant's audit events from before the request, newest first, and the signed checkpoints of their chains.
     * Strictly before: the request's own event, and the job's, are recorded at or after it, and would make the package
     * depend on when it was built. A data subject's copy holds only the events about its assets, and no checkpoints
     * (they sign whole chains, most of whose events are not the subject's).
     */
    private void writeAuditTrail(BagWriter bag, Export export, Set<String> subjectAssets) {
        TreeSet<String> chains = new TreeSet<>();
        try (OutputStream out = bag.payload("audit/events.jsonl")) {
            Optional<String> continuation = Optional.empty();
            do {
                AuditLog.Page page = auditLog.query(new AuditLog.Query(export.tenantId().value(), Optional.empty(),
                        Optional.of(export.requestedAt().minusMillis(1)), Optional.empty(), Optional.empty(),
                        Optional.empty(),
                        Optional.empty(), AUDIT_PAGE, continuation));
                for (ChainedEvent event : page.events()) {
                    if (export.ofSubject() && !subjectAssets.contains(assetOf(event.event().target()))) {
                        continue;
                    }
                    out.write(event.exportLine());
                    out.write('\n');
                    chains.add(event.chain());
                }
                continuation = page.continuation();
            } while (continuation.isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (export.ofSubject()) {
            return;
        }
        try (OutputStream out = bag.payload("audit/checkpoints.jsonl")) {
            for (String chain : chains) {
                for (CheckpointStore.Stored stored : checkpoints.list(export.tenantId().value(), chain)) {
                    out.write(CanonicalJson.bytes(Map.of("chain", chain, "name", stored.name(), "jws",
                            stored.signed())));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The asset an event's target names ({@code tenants/<t>/assets/<id>[/...]}), or an empty string. */
    static String assetOf(String target) {
        String[] segments = target.split("/", 5);
        return segments.length >= 4 && segments[2].equals("assets") ? segments[3] : "";
    }

    static String blockId(int index) {
        return String.format("%08d", index);
    }

    private static String target(Export export) {
        return Exports.target(export).path();
    }

    private void fail(Job job, RuntimeException cause, QueueDelivery delivery) {
        String why = cause.getClass().getSimpleName();
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Export> current = exports.find(job.tenantId(), job.exportId());
            if (current.isEmpty() || current.get().finished()) {
                return;
            }
            try {
                exports.replace(current.get().failed(why, clock.instant()));
                audit.system(Operation.EXPORT_FAIL, job.tenantId().value(), target(current.get()), why,
                        delivery.invocationId());
                return;
            } catch (PreconditionFailedException e) {
                // Another worker moved it meanwhile: look again.
            }
        }
    }

    /** The export as this job last stored it, and the counts it goes on to record. */
    private final class Progressing {
        private Export current;
        private int assetsDone;
        private int assetsTotal;
        private long bytesDone;
        private long payloadBytes;

        Progressing(Export start) {
            this.current = start;
        }

        Export current() {
            return current;
        }

        void assetDone(long size) {
            assetsDone++;
            bytesDone += size;
        }

        void restart() {
            assetsDone = 0;
            bytesDone = 0;
        }

        /** Records a staged block, unless a racing worker has recorded as much or more. */
        void staged(int blocks, long checksum) {
            Export.Progress next = new Export.Progress(assetsDone, assetsTotal, bytesDone, blocks, checksum);
            for (int attempt = 0; attempt < 3; attempt++) {
                if (current.progress().stagedBlocks() >= blocks && current.progress().stagedChecksum() == checksum) {
                    return;
                }
                try {
                    current = exports.replace(current.progressed(next, clock.instant()));
                    return;
                } catch (PreconditionFailedException e) {
                    current = exports.find(current.tenantId(), current.id()).orElseThrow(() -> e);
                    if (current.finished()) {
                        throw new PreconditionFailedException("the export finished meanwhile");
                    }
                }
            }
        }
    }
}
