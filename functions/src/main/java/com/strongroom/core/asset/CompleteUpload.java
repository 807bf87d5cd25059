package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.crypto.TamperedException;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ContentStore;
import com.strongroom.core.port.UploadStore;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Commits a resumable upload: every part present, the blocks committed in order, then its SHA-256 checked before
 * the asset becomes visible. The digest comes from the parts hashed in order as they were staged (see
 * {@link UploadDigests}); whatever they do not cover, from the first part that was not hashed here exactly as
 * recorded, is read back and decrypted, which also checks its authentication. A mismatch removes the content,
 * its key and the session (409); running it again after a crash finishes it.
 */
public final class CompleteUpload {
    public record Command(TenantId tenant, AssetId upload) {
        public Command {
            if (tenant == null || upload == null) {
                throw new InvalidInputException("uploadId", "is required");
            }
        }
    }

    private final AccessControl access;
    private final AssetStore assets;
    private final UploadStore uploads;
    private final UploadSessions sessions;
    private final TenantKeyring keyring;
    private final ContentStore content;
    private final ContentReader reader;
    private final UploadDigests digests;
    private final Clock clock;

    public CompleteUpload(AccessControl access, AssetStore assets, UploadStore uploads, TenantKeyring keyring,
                          ContentStore content, UploadDigests digests, Clock clock) {
        this.access = access;
        this.assets = assets;
        this.uploads = uploads;
        this.sessions = new UploadSessions(uploads, clock);
        this.keyring = keyring;
        this.content = content;
        this.reader = new ContentReader(content);
        this.digests = digests;
        this.clock = clock;
    }

    public Operation operation() {
        return Operation.ASSET_UPLOAD;
    }

    public Asset handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), command.tenant(),
                Target.upload(command.tenant(), command.upload()), requestId);
        Tenant tenant = scope.tenant();
        Optional<Asset> done = assets.find(tenant.id(), command.upload()).filter(Asset::visible);
        if (done.isPresent() && done.get().createdBy().equals(caller.subject())) {
            uploads.delete(tenant.id(), command.upload());
            return done.get();
        }
        UploadSession session;
        try {
            session = sessions.live(scope, command.upload());
        } catch (RuntimeException e) {
            throw scope.failed(e);
        }
        List<UploadPart> parts = partsInOrder(session, uploads.parts(tenant.id(), session.id()));
        scope = scope.attempting();
        content.commit(tenant.id(), session.id(), parts.stream().flatMap(p -> p.blockIds().stream()).toList());
        String sha256 = verifiedSha256(scope, session, parts);
        if (session.sha256().isPresent() && !session.sha256().get().equals(sha256)) {
            discard(tenant, session);
            throw scope.failed(new ConflictException("the uploaded content's SHA-256 does not match the one announced; the upload"
                    + " was discarded"));
        }
        keyring.keep(tenant.id(), session.id());
        Instant now = clock.instant();
        Asset asset = new Asset(tenant.id(), session.id(), session.name(), session.contentType(), session.size(),
                sha256, ContentFormat.VERSION, session.subjectIndex(), session.metadata(), Optional.empty(), now,
                caller.subject(), now, Asset.State.ACTIVE, "");
        assets.create(asset);
        uploads.delete(tenant.id(), session.id());
        digests.forget(tenant.id(), session.id());
        scope.at(Target.asset(tenant.id(), asset.id())).succeeded();
        return asset;
    }

    private static List<UploadPart> partsInOrder(UploadSession session, List<UploadPart> parts) {
        Map<Integer, UploadPart> byNumber = parts.stream()
                .collect(Collectors.toMap(UploadPart::number, p -> p, (a, b) -> b));
        List<Integer> missing = new ArrayList<>();
        List<UploadPart> inOrder = new ArrayList<>();
        for (int n = 1; n <= session.partCount(); n++) {
            UploadPart part = byNumber.get(n);
            if (part == null || part.length() != session.partLength(n)) {
                missing.add(n);
            } else {
                inOrder.add(part);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConflictException("the upload is missing parts " + summary(missing) + " of "
                    + session.partCount());
        }
        return inOrder;
    }

    private String verifiedSha256(RequestScope scope, UploadSession session, List<UploadPart> parts) {
        Tenant tenant = scope.tenant();
        UploadDigests.Progress hashed = digests.progress(tenant.id(), session.id(), parts);
        MessageDigest digest = hashed.digest();
        if (hashed.parts() < session.partCount()) {
            long from = session.partOffset(hashed.parts() + 1);
            byte[] dek = keyring.dataKey(tenant, session.id());
            try {
                reader.decrypt(tenant.id(), session.id(), dek, session.size(), from, session.size() - from,
                        new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            } catch (TamperedException e) {
                discard(tenant, session);
                throw scope.securityIncident("asset.content.tampered", new IntegrityException(
                        "the staged content failed its integrity check; the upload was discarded"));
            } finally {
                Arrays.fill(dek, (byte) 0);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Key first, so that whatever a crash leaves behind is unreadable. */
    private void discard(Tenant tenant, UploadSession session) {
        keyring.destroy(tenant.id(), session.id());
        content.delete(tenant.id(), session.id());
        uploads.delete(tenant.id(), session.id());
        digests.forget(tenant.id(), session.id());
    }

    private static String summary(List<Integer> numbers) {
        List<String> shown = numbers.stream().limit(20).map(String::valueOf).toList();
        return String.join(", ", shown) + (numbers.size() > shown.size() ? ", ..." : "");
    }
}
