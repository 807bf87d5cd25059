package com.strongroom.core.export;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.asset.AssetRules;
import com.strongroom.core.asset.BlindIndex;
import com.strongroom.core.asset.ContentReader;
import com.strongroom.core.asset.ContentWindow;
import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.ExportJobs;
import com.strongroom.core.port.ExportStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Tenant.Admin's exports: requested (queued for {@link BuildExport}), listed, read, and downloaded in ranges through
 * the app, decrypted on the way. Every download is an audit event.
 */
public final class Exports {
    /** How long a package can be downloaded before its key is destroyed and its blob deleted. */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** How many exports of a tenant, of each kind, may be queued or running at once. */
    static final int MAX_UNFINISHED_TENANT = 2;
    static final int MAX_UNFINISHED_SUBJECT = 10;
    static final int LISTED = 50;

    /** Which routes an export belongs to: a whole tenant's (Tenant.Admin), or a data subject's copy. */
    public enum Kind {
        TENANT(Operation.EXPORT_READ, Operation.EXPORT_DOWNLOAD, "exports"),
        SUBJECT(Operation.SUBJECT_EXPORT_READ, Operation.SUBJECT_EXPORT_DOWNLOAD, "subject-exports");

        private final Operation read;
        private final Operation download;
        private final String segment;

        Kind(Operation read, Operation download, String segment) {
            this.read = read;
            this.download = download;
            this.segment = segment;
        }

        boolean of(Export export) {
            return export.ofSubject() == (this == SUBJECT);
        }

        public String segment() {
            return segment;
        }
    }

    /** A data subject's copy: the subject's identifiers (kept only as blind-index values) and the caller's reference. */
    public record SubjectCommand(TenantId tenant, List<String> subjects, Optional<String> reference) {
        public SubjectCommand {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            if (subjects == null || subjects.isEmpty()) {
                throw new InvalidInputException("subjects", "must name at least one identifier of the data subject");
            }
            subjects = AssetRules.subjects(subjects);
            reference = reference == null ? Optional.empty() : reference.map(r -> Text.required("reference", r, 100));
        }
    }

    /** An export's package bytes {@code [first, first + bytes.length)}; partial unless it is all of it. */
    public record Content(Export export, long first, byte[] bytes, boolean partial) {
    }

    private final AccessControl access;
    private final ExportStore exports;
    private final ExportJobs jobs;
    private final TenantKeyring keyring;
    private final ContentReader reader;
    private final long maxResponseBytes;
    private final Clock clock;

    public Exports(AccessControl access, ExportStore exports, ExportJobs jobs, TenantKeyring keyring,
                   ContentStore exportContent, long maxResponseBytes, Clock clock) {
        this.access = access;
        this.exports = exports;
        this.jobs = jobs;
        this.keyring = keyring;
        this.reader = new ContentReader(exportContent);
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
    }

    /** Stores a queued export of the whole tenant, then queues its job. */
    public Export request(Caller caller, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.EXPORT_REQUEST, tenant,
                Target.tenant(tenant).and(Kind.TENANT.segment()), requestId);
        return queue(scope, caller, tenant, Optional.empty());
    }

    /**
     * Stores a queued copy of one data subject's assets, found through the blind index as erasure finds them, then
     * queues its job. The export keeps no identifier in clear.
     */
    public Export requestForSubject(Caller caller, SubjectCommand command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.SUBJECT_EXPORT_REQUEST, command.tenant(),
                Target.tenant(command.tenant()).and(Kind.SUBJECT.segment()), requestId);
        Export.Subjects subjects = new Export.Subjects(BlindIndex.of(keyring, scope.tenant(), command.subjects()),
                command.reference());
        return queue(scope, caller, command.tenant(), Optional.of(subjects));
    }

    private Export queue(RequestScope scope, Caller caller, TenantId tenant, Optional<Export.Subjects> subjects) {
        Kind kind = subjects.isPresent() ? Kind.SUBJECT : Kind.TENANT;
        long unfinished = exports.list(tenant, LISTED).stream().filter(kind::of).filter(e -> !e.finished()).count();
        if (unfinished >= (kind == Kind.SUBJECT ? MAX_UNFINISHED_SUBJECT : MAX_UNFINISHED_TENANT)) {
            throw scope.failed(new ConflictException(unfinished + " exports of this tenant are still being built;"
                    + " wait for one to finish"));
        }
        Instant now = clock.instant();
        ExportId id = ExportId.random();
        Export export = subjects.map(s -> Export.queuedForSubject(tenant, id, s, caller.subject(), now,
                now.plus(RETENTION))).orElseGet(() -> Export.queued(tenant, id, caller.subject(), now,
                now.plus(RETENTION)));
        RequestScope change = scope.at(target(export)).attempting();
        Export stored = exports.create(export);
        try {
            jobs.enqueue(tenant, stored.id());
        } catch (RuntimeException e) {
            // Without its message nothing would ever build it: say so on the export rather than leave it queued.
            exports.replace(stored.failed("not queued: " + e.getClass().getSimpleName(), clock.instant()));
            throw change.failed(e);
        }
        change.succeeded();
        return stored;
    }

    public List<Export> list(Caller caller, Kind kind, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, kind.read, tenant,
                Target.tenant(tenant).and(kind.segment()), requestId);
        List<Export> listed = exports.list(tenant, LISTED).stream().filter(kind::of).toList();
        scope.succeeded();
        return listed;
    }

    public Export read(Caller caller, Kind kind, TenantId tenant, ExportId id, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, kind.read, tenant, target(kind, tenant, id), requestId);
        Export export = find(scope, kind, tenant, id);
        scope.succeeded();
        return export;
    }

    /** Holds the range's bytes in {@code lease} before it allocates them; refused as busy when they do not fit. */
    public Content download(Caller caller, Kind kind, TenantId tenant, ExportId id,
                            Optional<DownloadAsset.ByteRange> range, InFlightBytes.Lease lease, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, kind.download, tenant,
                target(kind, tenant, id).and("content"), requestId);
        Export export = find(scope, kind, tenant, id);
        if (!export.readyAt(clock.instant())) {
            boolean expired = export.state() == Export.State.EXPIRED || export.state() == Export.State.READY;
            String state = export.state().name().toLowerCase(Locale.ROOT);
            throw scope.failed(expired ? new GoneException("export " + id + " expired at " + export.expiresAt())
                    : new ConflictException("export " + id + " is " + state + ", not ready"));
        }
        long size = export.content().orElseThrow().length();
        ContentWindow window = ContentWindow.of(scope, range, size, maxResponseBytes);
        lease.hold(window.length());
        byte[] key = null;
        try {
            key = keyring.dataKey(scope.tenant(), id.contentId());
            byte[] bytes = new byte[(int) window.length()];
            reader.decrypt(tenant, id.contentId(), key, size, window.first(), window.length(),
                    new ContentWindow.ArrayFiller(bytes));
            scope.succeeded();
            return new Content(export, window.first(), bytes, range.isPresent());
        } catch (NotFoundException e) {
            throw scope.failed(new GoneException("the key of export " + id + " was destroyed"));
        } catch (TamperedException | IntegrityException e) {
            throw scope.securityIncident("export.content.tampered",
                    new IntegrityException("the stored package of this export failed its integrity check"));
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** The export, if it is of this kind: a subject's copy is not found on the tenant's routes, nor the reverse. */
    private Export find(RequestScope scope, Kind kind, TenantId tenant, ExportId id) {
        return exports.find(tenant, id).filter(kind::of)
                .orElseThrow(() -> scope.failed(new NotFoundException("no export " + id)));
    }

    static Target target(Kind kind, TenantId tenant, ExportId id) {
        return Target.tenant(tenant).and(kind.segment()).and(id.value());
    }

    static Target target(Export export) {
        return target(export.ofSubject() ? Kind.SUBJECT : Kind.TENANT, export.tenantId(), export.id());
    }
}
