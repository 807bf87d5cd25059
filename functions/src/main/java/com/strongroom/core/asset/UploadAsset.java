package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.Segments;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One-request upload: the body is encrypted segment by segment and staged, the blocks are committed, the DEK is
 * kept, and only then is the asset stored and visible. A crash at any step leaves nothing visible; a DEK of an
 * upload that never finished expires by itself.
 */
public final class UploadAsset {
    /** How long the DEK of an unfinished one-request upload lives. */
    static final Duration UNFINISHED_KEY_LIFETIME = Duration.ofHours(1);

    /**
     * @param contentType the declared media type, or {@code null} to take the one the name implies
     * @param content     the plaintext, read once to its end while it is encrypted
     */
    public record Command(TenantId tenant, String name, String contentType, List<String> subjects,
                          InputStream content) {
        public Command {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            name = AssetRules.name(name);
            contentType = AssetRules.contentType(Optional.ofNullable(contentType), name);
            subjects = AssetRules.subjects(subjects);
            content = content == null ? InputStream.nullInputStream() : content;
        }
    }

    private final AccessControl access;
    private final AssetStore assets;
    private final TenantKeyring keyring;
    private final ContentWriter writer;
    private final ContentStore content;
    private final Clock clock;

    public UploadAsset(AccessControl access, AssetStore assets, TenantKeyring keyring, ContentStore content,
                       Clock clock) {
        this.access = access;
        this.assets = assets;
        this.keyring = keyring;
        this.writer = new ContentWriter(content);
        this.content = content;
        this.clock = clock;
    }

    public Operation operation() {
        return Operation.ASSET_UPLOAD;
    }

    public Asset handle(Caller caller, Command command, String requestId) {
        return handle(caller, command.tenant(), () -> command, requestId);
    }

    /**
     * Authorises first, then reads the request: a caller who may not upload learns that (403, audited) before
     * anything about the body it sent (400, 413, 415).
     */
    public Asset handle(Caller caller, TenantId tenantId, Supplier<Command> request, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), tenantId,
                Target.tenant(tenantId).and("assets"), requestId);
        Command command = request.get();
        Tenant tenant = scope.tenant();
        AssetId id = AssetId.random();
        List<String> subjectIndex = BlindIndex.of(keyring, tenant, command.subjects());
        Instant now = clock.instant();
        byte[] dek = keyring.newDataKey(tenant, id, Optional.of(now.plus(UNFINISHED_KEY_LIFETIME)));
        MessageDigest sha256 = ContentFormat.sha256();
        ContentWriter.Written written;
        try {
            written = writer.write(tenant.id(), id, dek, 1, 0, true, Segments.of(command.content()),
                    Optional.of(sha256));
            content.commit(tenant.id(), id, written.blockIds());
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
        keyring.keep(tenant.id(), id);
        Asset asset = new Asset(tenant.id(), id, command.name(), command.contentType(), written.length(),
                HexFormat.of().formatHex(sha256.digest()), ContentFormat.VERSION, subjectIndex, Map.of(),
                Optional.empty(), now, caller.subject(), now, Asset.State.ACTIVE, "");
        assets.create(asset);
        scope.at(Target.asset(tenant.id(), id)).succeeded();
        return asset;
    }
}
