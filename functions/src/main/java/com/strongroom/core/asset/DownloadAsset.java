package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decrypts an asset's content, or one byte range of it, reading only the segments the range needs. Access and
 * region are checked before any key is touched. The plaintext is assembled and handed out only after every
 * segment in it authenticated, so a tampered blob yields a problem, a security event, and not one byte.
 */
public final class DownloadAsset {
    /** A single HTTP byte range: {@code first-last}, {@code first-}, or a suffix of {@code suffixLength} bytes. */
    public record ByteRange(OptionalLong first, OptionalLong last, OptionalLong suffixLength) {
        public ByteRange {
            boolean suffix = suffixLength.isPresent();
            if (suffix == first.isPresent() || (suffix && last.isPresent())
                    || (first.isPresent() && last.isPresent() && last.getAsLong() < first.getAsLong())) {
                throw new InvalidInputException("Range", "must be one range: bytes=first-last, bytes=first- or bytes=-n");
            }
        }
    }

    public record Command(TenantId tenant, AssetId asset, Optional<ByteRange> range) {
        public Command {
            if (tenant == null || asset == null) {
                throw new InvalidInputException("assetId", "is required");
            }
            range = range == null ? Optional.empty() : range;
        }
    }

    /** The plaintext bytes {@code [first, first + bytes.length)} of the asset; partial unless it is all of it. */
    public record Content(Asset asset, long first, byte[] bytes, boolean partial) {
    }

    private final AccessControl access;
    private final AssetLookup lookup;
    private final TenantKeyring keyring;
    private final ContentReader reader;
    private final long maxResponseBytes;

    public DownloadAsset(AccessControl access, AssetStore assets, TenantKeyring keyring, ContentStore content,
                         long maxResponseBytes) {
        this.access = access;
        this.lookup = new AssetLookup(assets);
        this.keyring = keyring;
        this.reader = new ContentReader(content);
        this.maxResponseBytes = maxResponseBytes;
    }

    public Operation operation() {
        return Operation.ASSET_DOWNLOAD;
    }

    /** Holds the range's bytes in {@code lease} before it allocates them; refused as busy when they do not fit. */
    public Content handle(Caller caller, Command command, InFlightBytes.Lease lease, String requestId) {
        RequestScope scope = access.authorizeRead(caller, operation(), command.tenant(), Optional.of(command.asset()),
                Target.asset(command.tenant(), command.asset()).and("content"), requestId);
        Tenant tenant = scope.tenant();
        Asset asset = lookup.visible(scope, command.asset());
        ContentWindow window = ContentWindow.of(scope, command.range(), asset.size(), maxResponseBytes);
        lease.hold(window.length());
        byte[] dek = null;
        try {
            dek = keyring.dataKey(tenant, asset.id());
            // Decrypted straight into the response's array: one copy of the range in memory, not two.
            byte[] bytes = new byte[(int) window.length()];
            reader.decrypt(tenant.id(), asset.id(), dek, asset.size(), window.first(), window.length(),
                    new ContentWindow.ArrayFiller(bytes));
            scope.succeeded();
            return new Content(asset, window.first(), bytes, command.range().isPresent());
        } catch (TamperedException | IntegrityException e) {
            throw scope.securityIncident("asset.content.tampered",
                    new IntegrityException("the stored content of this asset failed its integrity check"));
        } finally {
            if (dek != null) {
                Arrays.fill(dek, (byte) 0);
            }
        }
    }
}
