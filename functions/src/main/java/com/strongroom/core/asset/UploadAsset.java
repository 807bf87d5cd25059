package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.Segments;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.PreconditionFailedException;
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
 * One-request upload: the attempt is recorded in the trail and the asset stored as uploading (invisible), then the
 * DEK is stored and the body encrypted segment by segment and written (in one write when it fits one block), and
 * only then is the asset made active and visible. A failure on the way removes what was stored; a crash at any step
 * leaves nothing visible, and {@link SweepUnfinishedAssets} removes what it left once the upload is over an hour old.
 */
public final class UploadAsset {
    /** How long a one-request upload may run; the sweep removes what an unfinished one left once it is older. */
    static final Duration LONGEST_RUN = Duration.ofHours(1);

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
        RequestScope change = scope.at(Target.asset(tenant.id(), id)).attempting();
        Asset uploading = assets.create(new Asset(tenant.id(), id, command.name(), command.contentType(), 0, "",
                ContentFormat.VERSION, subjectIndex, Map.of(), Optional.empty(), now, caller.subject(), now,
                Asset.State.UPLOADING, ""));
        Asset asset;
        try {
            asset = assets.replace(store(tenant, uploading, command.content()));
        } catch (PreconditionFailedException e) {
            // Nothing but this upload touches its document before it is visible: the store lost what it acknowledged.
            removeQuietly(uploading);
            throw change.failed(new DependencyUnavailableException(Dependency.COSMOS, e));
        } catch (RuntimeException e) {
            removeQuietly(uploading);
            throw change.failed(e);
        }
        change.succeeded();
        return asset;
    }

    /** Stores a new DEK, encrypts and writes the content under it; returns the asset to make visible. */
    private Asset store(Tenant tenant, Asset uploading, InputStream plaintext) {
        AssetId id = uploading.id();
        // Permanent from the start: a crash leaves the uploading document, and the sweep removes the key with it.
        byte[] dek = keyring.newDataKey(tenant, id, Optional.empty());
        MessageDigest sha256 = ContentFormat.sha256();
        long length;
        try {
            length = writer.writeWhole(tenant.id(), id, dek, Segments.of(plaintext), sha256);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
        return uploading.uploaded(length, HexFormat.of().formatHex(sha256.digest()), uploading.createdAt());
    }

    /** Key first, then blob, then document; what a failure here leaves, the sweep removes. */
    private void removeQuietly(Asset uploading) {
        try {
            keyring.destroy(uploading.tenantId(), uploading.id());
            content.delete(uploading.tenantId(), uploading.id());
            assets.delete(uploading.tenantId(), uploading.id());
        } catch (RuntimeException leftForTheSweep) {
            // What is left is invisible, and the sweep removes it.
        }
    }
}
