package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.RangeNotSatisfiableException;
import com.strongroom.core.error.RangeRequiredException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import java.io.OutputStream;
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

    /** Writes into a fixed array; more bytes than it holds is a bug, not a resize. */
    /** The bytes a response carries: from {@code first}, {@code length} of them. */
    private record Window(long first, long length) {
    }

    /**
     * The whole content, if one response may carry it (else 400, read it in ranges), or the range asked for (416 if
     * it lies outside); a longer range is answered with its first part, and Content-Range tells the client where to go
     * on.
     */
    private Window window(RequestScope scope, Optional<ByteRange> asked, long size) {
        if (asked.isEmpty()) {
            if (size > maxResponseBytes) {
                throw scope.failed(new RangeRequiredException(size, maxResponseBytes));
            }
            return new Window(0, size);
        }
        ByteRange range = asked.get();
        if (size == 0 || range.first().orElse(0) >= size || range.suffixLength().orElse(1) == 0) {
            throw scope.failed(new RangeNotSatisfiableException(size));
        }
        long first = range.first().isPresent() ? range.first().getAsLong()
                : Math.max(0, size - range.suffixLength().getAsLong());
        long last = Math.min(range.last().orElse(size - 1), size - 1);
        return new Window(first, Math.min(last - first + 1, maxResponseBytes));
    }

    private static final class ArrayFiller extends OutputStream {
        private final byte[] target;
        private int position;

        ArrayFiller(byte[] target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, target, position, len);
            position += len;
        }
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
        Window window = window(scope, command.range(), asset.size());
        lease.hold(window.length());
        byte[] dek = null;
        try {
            dek = keyring.dataKey(tenant, asset.id());
            // Decrypted straight into the response's array: one copy of the range in memory, not two.
            byte[] bytes = new byte[(int) window.length()];
            reader.decrypt(tenant.id(), asset.id(), dek, asset.size(), window.first(), window.length(),
                    new ArrayFiller(bytes));
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
