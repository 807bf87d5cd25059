package com.strongroom.core.export;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.asset.ContentReader;
import com.strongroom.core.asset.ContentWindow;
import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import com.strongroom.core.model.TenantId;
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
    /** How many exports of a tenant may be queued or running at once. */
    static final int MAX_UNFINISHED = 2;
    static final int LISTED = 50;

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

    /** Stores a queued export, then queues its job. */
    public Export request(Caller caller, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.EXPORT_REQUEST, tenant,
                Target.tenant(tenant).and("exports"), requestId);
        long unfinished = exports.list(tenant, LISTED).stream().filter(e -> !e.finished()).count();
        if (unfinished >= MAX_UNFINISHED) {
            throw scope.failed(new ConflictException(unfinished + " exports of this tenant are still being built;"
                    + " wait for one to finish"));
        }
        Instant now = clock.instant();
        Export export = Export.queued(tenant, ExportId.random(), caller.subject(), now, now.plus(RETENTION));
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

    public List<Export> list(Caller caller, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.EXPORT_READ, tenant,
                Target.tenant(tenant).and("exports"), requestId);
        List<Export> listed = exports.list(tenant, LISTED);
        scope.succeeded();
        return listed;
    }

    public Export read(Caller caller, TenantId tenant, ExportId id, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.EXPORT_READ, tenant, target(tenant, id),
                requestId);
        Export export = find(scope, tenant, id);
        scope.succeeded();
        return export;
    }

    /** Holds the range's bytes in {@code lease} before it allocates them; refused as busy when they do not fit. */
    public Content download(Caller caller, TenantId tenant, ExportId id, Optional<DownloadAsset.ByteRange> range,
                            InFlightBytes.Lease lease, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.EXPORT_DOWNLOAD, tenant,
                target(tenant, id).and("content"), requestId);
        Export export = find(scope, tenant, id);
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

    private Export find(RequestScope scope, TenantId tenant, ExportId id) {
        return exports.find(tenant, id).orElseThrow(() -> scope.failed(new NotFoundException("no export " + id)));
    }

    static Target target(TenantId tenant, ExportId id) {
        return Target.tenant(tenant).and("exports").and(id.value());
    }

    private static Target target(Export export) {
        return target(export.tenantId(), export.id());
    }
}
