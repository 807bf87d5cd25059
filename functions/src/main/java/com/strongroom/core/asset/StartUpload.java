package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.UploadStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens a resumable upload. The session's DEK is created now, in the keyring, and expires shortly after the
 * session does: an abandoned upload leaves staged ciphertext whose key no longer exists anywhere.
 */
public final class StartUpload {
    public static final Duration SESSION_LIFETIME = Duration.ofHours(24);
    public static final int DEFAULT_PART_BYTES = 8 * 1024 * 1024;
    /**
     * A part travels in one request body, held about six times on an instance while it is handled: with the
     * response cap and the HTTP concurrency, this keeps an instance's memory bounded (docs/platform.md).
     */
    public static final int MAX_PART_BYTES = 16 * 1024 * 1024;
    /** The session's DEK outlives the session by this much, so a completion started just in time can finish. */
    static final Duration KEY_GRACE = Duration.ofHours(1);

    public record Command(TenantId tenant, String name, String contentType, long size, int partSize,
                          Optional<String> sha256, List<String> subjects, Map<String, String> metadata) {
        public Command {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            name = AssetRules.name(name);
            contentType = AssetRules.contentType(Optional.ofNullable(contentType), name);
            AssetRules.size(size);
            partSize = AssetRules.partSize(partSize == 0 ? DEFAULT_PART_BYTES : partSize, MAX_PART_BYTES);
            sha256 = AssetRules.sha256(sha256 == null ? Optional.empty() : sha256);
            subjects = AssetRules.subjects(subjects);
            metadata = AssetRules.metadata(metadata);
            long parts = Math.max(1, (size + partSize - 1) / partSize);
            if (parts * ContentWriter.blocksFor(partSize) > ContentWriter.MAX_BLOCKS) {
                throw new InvalidInputException("partSize", "is too small for a file of this size; use larger parts");
            }
        }
    }

    private final AccessControl access;
    private final UploadStore uploads;
    private final TenantKeyring keyring;
    private final Clock clock;

    public StartUpload(AccessControl access, UploadStore uploads, TenantKeyring keyring, Clock clock) {
        this.access = access;
        this.uploads = uploads;
        this.keyring = keyring;
        this.clock = clock;
    }

    public Operation operation() {
        return Operation.ASSET_UPLOAD;
    }

    public UploadSession handle(Caller caller, Command command, String requestId) {
        return handle(caller, command.tenant(), () -> command, requestId);
    }

    /** Authorises first, then reads the request (see {@link UploadAsset#handle(Caller, TenantId, Supplier, String)}). */
    public UploadSession handle(Caller caller, TenantId tenantId, Supplier<Command> request, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), tenantId,
                Target.tenant(tenantId).and("uploads"), requestId);
        Command command = request.get();
        Tenant tenant = scope.tenant();
        Instant now = clock.instant();
        UploadSession session = new UploadSession(tenant.id(), AssetId.random(), command.name(), command.contentType(),
                command.size(), command.partSize(), command.sha256(),
                BlindIndex.of(keyring, tenant, command.subjects()), command.metadata(), caller.subject(),
                now, now.plus(SESSION_LIFETIME));
        byte[] dek = keyring.newDataKey(tenant, session.id(), Optional.of(session.expiresAt().plus(KEY_GRACE)));
        Arrays.fill(dek, (byte) 0);
        uploads.create(session);
        scope.at(Target.upload(tenant.id(), session.id())).succeeded();
        return session;
    }
}
