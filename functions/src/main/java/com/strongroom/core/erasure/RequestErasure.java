package com.strongroom.core.erasure;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.asset.AssetRules;
import com.strongroom.core.asset.BlindIndex;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.AssetStore;
import com.strongroom.core.port.ErasureStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Archive.Manager records a data subject's erasure request and sees what it would erase: the assets tagged with
 * any of the subject's identifiers (through the blind index, as a subject search finds them), those a legal hold
 * retains, and when the answer is due. Nothing is erased until a second Archive.Manager approves. The request keeps
 * no identifier in clear: only blind-index values and the caller's own reference.
 */
public final class RequestErasure {
    /** The most assets one request may match when it is made; a larger erasure is split into several requests. */
    public static final int MAX_MATCHES = 20_000;
    /** The matching assets the preview lists by name; beyond that it gives the count. */
    public static final int PREVIEW_LISTED = 1_000;
    static final int READ_CHUNK = 500;

    public record Command(TenantId tenant, List<String> subjects, String reason, Instant receivedAt,
                          Optional<String> reference) {
        public Command {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            if (subjects == null || subjects.isEmpty()) {
                throw new InvalidInputException("subjects", "must name at least one identifier of the data subject");
            }
            subjects = AssetRules.subjects(subjects);
            reason = Text.required("reason", reason, 500);
            if (receivedAt == null) {
                throw new InvalidInputException("receivedAt", "is required: when the request was received (RFC 3339)");
            }
            reference = reference == null ? Optional.empty()
                    : reference.map(r -> Text.required("reference", r, 100));
        }
    }

    /**
     * The stored request and what it matches now. {@code erasable} lists at most {@link #PREVIEW_LISTED} assets;
     * {@code erasableCount} counts them all.
     */
    public record Preview(ErasureRequest request, List<Asset> erasable, int erasableCount, List<Asset> retained) {
        public Preview {
            erasable = List.copyOf(erasable);
            retained = List.copyOf(retained);
        }
    }

    private final AccessControl access;
    private final AssetStore assets;
    private final ErasureStore erasures;
    private final TenantKeyring keyring;
    private final Clock clock;

    public RequestErasure(AccessControl access, AssetStore assets, ErasureStore erasures, TenantKeyring keyring,
                          Clock clock) {
        this.access = access;
        this.assets = assets;
        this.erasures = erasures;
        this.keyring = keyring;
        this.clock = clock;
    }

    public Operation operation() {
        return Operation.ERASURE_REQUEST;
    }

    public Preview handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), command.tenant(),
                Target.tenant(command.tenant()).and("erasure-requests"), requestId);
        Instant now = clock.instant();
        if (command.receivedAt().isAfter(now)) {
            throw new InvalidInputException("receivedAt", "must not be in the future");
        }
        Tenant tenant = scope.tenant();
        List<String> index = BlindIndex.of(keyring, tenant, command.subjects());
        List<Asset> erasable = new ArrayList<>();
        List<Asset> retained = new ArrayList<>();
        List<AssetId> matched = new ArrayList<>();
        Optional<AssetId> after = Optional.empty();
        List<Asset> chunk;
        do {
            chunk = assets.concerning(tenant.id(), index, after, READ_CHUNK);
            for (Asset asset : chunk) {
                if (asset.visible()) {
                    matched.add(asset.id());
                    (asset.legalHold().isPresent() ? retained : erasable).add(asset);
                }
                after = Optional.of(asset.id());
            }
            if (matched.size() > MAX_MATCHES) {
                throw new InvalidInputException("subjects", "match more than " + MAX_MATCHES
                        + " assets; split the request into several");
            }
        } while (chunk.size() == READ_CHUNK);
        ErasureRequest request = ErasureRequest.received(tenant.id(), ErasureId.random(), index, command.reason(),
                command.reference(), command.receivedAt(), caller.subject(), now, matched);
        RequestScope change = scope.at(ErasureTargets.of(request)).attempting();
        ErasureRequest stored = erasures.create(request);
        change.succeeded();
        return new Preview(stored, erasable.subList(0, Math.min(PREVIEW_LISTED, erasable.size())), erasable.size(),
                retained);
    }
}
