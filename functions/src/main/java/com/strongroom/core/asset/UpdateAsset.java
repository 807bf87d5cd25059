package com.strongroom.core.asset;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.AssetStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes an asset's name, subjects or metadata (Contributor+) and its legal hold (Archive.Manager only). With
 * {@code If-Match}, the change applies only to the version the caller saw; without it, only to the version read
 * here, so two concurrent changes never silently overwrite each other.
 */
public final class UpdateAsset {
    public enum Hold { KEEP, SET, RELEASE }

    public record Command(TenantId tenant, AssetId asset, Optional<String> name, Optional<List<String>> subjects,
                          Optional<Map<String, String>> metadata, Hold hold, Optional<String> holdReason,
                          Optional<String> ifMatch) {
        public Command {
            if (tenant == null || asset == null) {
                throw new InvalidInputException("assetId", "is required");
            }
            name = name.map(AssetRules::name);
            subjects = subjects.map(AssetRules::subjects);
            metadata = metadata.map(AssetRules::metadata);
            hold = hold == null ? Hold.KEEP : hold;
            if (hold == Hold.SET && (holdReason.isEmpty() || holdReason.get().isBlank()
                    || holdReason.get().length() > 500 || Text.hasControl(holdReason.get()))) {
                throw new InvalidInputException("legalHold.reason", "is required: 1-500 characters");
            }
            if (name.isEmpty() && subjects.isEmpty() && metadata.isEmpty() && hold == Hold.KEEP) {
                throw new InvalidInputException("body", "names nothing to change");
            }
        }
    }

    private final AccessControl access;
    private final AssetStore assets;
    private final AssetLookup lookup;
    private final TenantKeyring keyring;
    private final HoldReleases releases;
    private final Clock clock;

    public UpdateAsset(AccessControl access, AssetStore assets, TenantKeyring keyring, HoldReleases releases,
                       Clock clock) {
        this.access = access;
        this.assets = assets;
        this.lookup = new AssetLookup(assets);
        this.keyring = keyring;
        this.releases = releases;
        this.clock = clock;
    }

    public Operation operation() {
        return Operation.ASSET_UPDATE;
    }

    public Asset handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), command.tenant(),
                Target.asset(command.tenant(), command.asset()), requestId);
        if (command.hold() != Hold.KEEP) {
            access.authorizeAlso(scope, Operation.ASSET_LEGAL_HOLD);
        }
        Asset asset = lookup.visible(scope, command.asset());
        if (command.ifMatch().isPresent() && !sameVersion(command.ifMatch().get(), asset.version())) {
            throw scope.failed(new PreconditionFailedException("the asset changed since that version was read"));
        }
        Asset changed = changed(scope, command, asset);
        RequestScope change = scope.attempting();
        Asset stored;
        try {
            stored = assets.replace(changed);
        } catch (PreconditionFailedException e) {
            throw change.failed(e);
        }
        change.succeeded();
        if (command.hold() != Hold.KEEP) {
            change.succeeded(Operation.ASSET_LEGAL_HOLD);
        }
        if (command.hold() == Hold.RELEASE) {
            // After the release is stored: if this fails the caller sees it, and releasing again resumes it.
            releases.released(stored.tenantId(), stored.id(), requestId);
        }
        return stored;
    }

    /** The asset with the command's changes; the subjects go in as the tenant's blind-index values. */
    private Asset changed(RequestScope scope, Command command, Asset asset) {
        Optional<Asset.LegalHold> hold = switch (command.hold()) {
            case KEEP -> asset.legalHold();
            case SET -> Optional.of(new Asset.LegalHold(command.holdReason().orElseThrow(), scope.caller().subject(),
                    clock.instant()));
            case RELEASE -> Optional.empty();
        };
        return asset.withChanges(command.name().orElse(asset.name()),
                command.subjects().map(s -> BlindIndex.of(keyring, scope.tenant(), s)).orElse(asset.subjectIndex()),
                command.metadata().orElse(asset.metadata()), hold, clock.instant());
    }

    /** Compares an {@code If-Match} value with a stored version, quoted or not; {@code *} matches any. */
    static boolean sameVersion(String ifMatch, String version) {
        String wanted = unquoted(ifMatch);
        return wanted.equals("*") || wanted.equals(unquoted(version));
    }

    private static String unquoted(String value) {
        String v = value.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
