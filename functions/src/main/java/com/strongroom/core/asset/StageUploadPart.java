package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.Segments;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.UploadStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Encrypts and stages one part of a resumable upload. Parts may come in any order and any number of times: a
 * retried part is staged as new blocks and replaces its record (blocks no record lists are dropped on commit).
 * Parts that come in order also extend the upload's running SHA-256, which spares completion a read-back.
 * Nothing becomes visible until completion.
 */
public final class StageUploadPart {
    public record Command(TenantId tenant, AssetId upload, int number, byte[] content) {
        public Command {
            if (tenant == null || upload == null) {
                throw new InvalidInputException("uploadId", "is required");
            }
            if (number < 1) {
                throw new InvalidInputException("partNumber", "counts from 1");
            }
            content = content == null ? new byte[0] : content;
        }
    }

    private final AccessControl access;
    private final UploadStore uploads;
    private final UploadSessions sessions;
    private final TenantKeyring keyring;
    private final ContentWriter writer;
    private final UploadDigests digests;

    public StageUploadPart(AccessControl access, UploadStore uploads, TenantKeyring keyring, ContentStore content,
                           UploadDigests digests, Clock clock) {
        this.access = access;
        this.uploads = uploads;
        this.sessions = new UploadSessions(uploads, clock);
        this.keyring = keyring;
        this.writer = new ContentWriter(content);
        this.digests = digests;
    }

    public Operation operation() {
        return Operation.ASSET_UPLOAD;
    }

    public UploadPart handle(Caller caller, Command command, String requestId) {
        return handle(caller, command.tenant(), command.upload(), command.number(), () -> command, requestId);
    }

    /**
     * Authorises first, then reads the part (see {@link UploadAsset#handle(Caller, TenantId, Supplier, String)});
     * a session that is not the caller's, or has expired, is 404 and audited as a failed attempt.
     */
    public UploadPart handle(Caller caller, TenantId tenantId, AssetId upload, int partNumber,
                             Supplier<Command> request, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), tenantId,
                Target.upload(tenantId, upload).and("parts").and(String.valueOf(partNumber)), requestId);
        Command command = request.get();
        Tenant tenant = scope.tenant();
        UploadSession session;
        try {
            session = sessions.live(scope, command.upload());
        } catch (NotFoundException e) {
            throw scope.failed(e);
        }
        int number = command.number();
        if (number > session.partCount()) {
            throw new InvalidInputException("partNumber", "must be 1 to " + session.partCount() + " for this upload");
        }
        long expected = session.partLength(number);
        if (command.content().length != expected) {
            throw new InvalidInputException("part", "must be exactly " + expected + " bytes: every part but the last is "
                    + session.partSize() + " bytes (a multiple of " + ContentFormat.SEGMENT_BYTES + "), the last is "
                    + session.partLength(session.partCount()));
        }
        byte[] dek = keyring.uploadDataKey(tenant, session.id(), session.expiresAt());
        try (UploadDigests.Arrival arrival = digests.arrive(tenant.id(), session.id(), number)) {
            List<String> blocks = writer.write(tenant.id(), session.id(), dek, number,
                    session.partOffset(number) / ContentFormat.SEGMENT_BYTES, number == session.partCount(),
                    Segments.of(command.content(), 0, command.content().length), Optional.empty())
                    .blockIds();
            arrival.hash(blocks, command.content());
            UploadPart part = new UploadPart(tenant.id(), session.id(), number, expected, blocks);
            uploads.putPart(session, part);
            return part;
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }
}
