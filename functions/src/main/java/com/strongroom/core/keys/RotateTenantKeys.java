package com.strongroom.core.keys;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.WrappedDataKey;
import com.strongroom.core.port.DataKeyStore;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.TenantStore;
import com.strongroom.core.tenant.KeyBindings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Key rotation without re-encrypting any content. A new KEK version re-wraps every TDK version the tenant holds.
 * A new TDK version becomes current at once (new uploads use it), then every DEK sealed under an older version is
 * re-sealed under it, and the older versions are dropped when no DEK needs them. Each step is stored before the
 * next starts and every step can run again, so an interrupted rotation is finished by running it again.
 */
public final class RotateTenantKeys {
    public enum Scope { KEK, TDK }

    public record Command(TenantId tenant, Scope scope) {
        public Command {
            if (tenant == null) {
                throw new InvalidInputException("tenantId", "is required");
            }
            if (scope == null) {
                throw new InvalidInputException("scope", "must be kek or tdk");
            }
        }
    }

    /** What the rotation left: the KEK and TDK versions now current, and how many DEKs it re-sealed. */
    public record Result(String kekId, int tdkVersion, int dataKeysResealed) {
    }

    private static final int PAGE = 100;

    private final AccessControl access;
    private final TenantStore tenants;
    private final KeyEncryptionKeys keks;
    private final DataKeyStore dataKeys;
    private final TenantKeyring keyring;

    public RotateTenantKeys(AccessControl access, TenantStore tenants, KeyEncryptionKeys keks, DataKeyStore dataKeys,
                            TenantKeyring keyring) {
        this.access = access;
        this.tenants = tenants;
        this.keks = keks;
        this.dataKeys = dataKeys;
        this.keyring = keyring;
    }

    public Operation operation() {
        return Operation.KEYS_ROTATE;
    }

    public Result handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), command.tenant(), Target.tenant(
                command.tenant()).and("keys").and(command.scope().name().toLowerCase(java.util.Locale.ROOT)), requestId);
        RequestScope change = scope.attempting();
        Result result = command.scope() == Scope.KEK ? rotateKek(scope.tenant()) : rotateTdk(scope.tenant());
        change.succeeded();
        return result;
    }

    Result rotateKek(Tenant tenant) {
        TenantKeys old = tenant.keys();
        String newKek = keks.create(tenant.id());
        Map<Integer, byte[]> retired = new HashMap<>();
        old.retiredTdks().forEach((version, wrapped) -> retired.put(version, rewrap(old.kekId(), newKek, wrapped)));
        TenantKeys rotated = new TenantKeys(newKek, old.tdkVersion(), rewrap(old.kekId(), newKek, old.wrappedTdk()),
                old.wrappedBlindIndexKey(), retired);
        tenants.replaceKeys(tenant.id(), old, rotated);
        keyring.forget(tenant.id());
        return new Result(newKek, rotated.tdkVersion(), 0);
    }

    Result rotateTdk(Tenant tenant) {
        Tenant current = tenant.keys().retiredTdks().isEmpty() ? withNewTdk(tenant) : tenant;
        int resealed = resealDataKeys(current);
        TenantKeys keys = current.keys();
        TenantKeys settled = new TenantKeys(keys.kekId(), keys.tdkVersion(), keys.wrappedTdk(),
                keys.wrappedBlindIndexKey(), Map.of());
        tenants.replaceKeys(tenant.id(), keys, settled);
        keyring.forget(tenant.id());
        return new Result(keys.kekId(), keys.tdkVersion(), resealed);
    }

    /** Makes a new TDK current; the blind-index key stays the same key, sealed anew under the new TDK. */
    private Tenant withNewTdk(Tenant tenant) {
        TenantKeys old = tenant.keys();
        int version = old.tdkVersion() + 1;
        byte[] tdk = Aes256Gcm.newKey();
        byte[] blindIndexKey = keyring.blindIndexKey(tenant);
        try {
            Map<Integer, byte[]> retired = new HashMap<>(old.retiredTdks());
            retired.put(old.tdkVersion(), old.wrappedTdk());
            TenantKeys rotated = new TenantKeys(old.kekId(), version, keks.wrap(old.kekId(), tdk),
                    Aes256Gcm.seal(tdk, blindIndexKey, KeyBindings.blindIndexKey(tenant.id(), version)), retired);
            tenants.replaceKeys(tenant.id(), old, rotated);
            return tenant.withKeys(rotated);
        } finally {
            Arrays.fill(tdk, (byte) 0);
            Arrays.fill(blindIndexKey, (byte) 0);
        }
    }

    /** Re-seals every DEK under an older TDK version; fails if none of a page could be re-sealed (run again). */
    private int resealDataKeys(Tenant tenant) {
        int version = tenant.keys().tdkVersion();
        int resealed = 0;
        while (true) {
            List<WrappedDataKey> page = dataKeys.sealedBefore(tenant.id(), version, PAGE);
            if (page.isEmpty()) {
                return resealed;
            }
            int progress = 0;
            for (WrappedDataKey old : page) {
                byte[] dek = keyring.open(tenant, old);
                try {
                    // A key deleted or re-sealed meanwhile is passed over; the next page shows what is left.
                    if (dataKeys.replace(old.rewrapped(version, keyring.seal(tenant, old.assetId(), version, dek)))) {
                        progress++;
                    }
                } finally {
                    Arrays.fill(dek, (byte) 0);
                }
            }
            if (progress == 0) {
                throw new ConflictException("content keys changed during the rotation; run it again to finish");
            }
            resealed += progress;
        }
    }

    private byte[] rewrap(String oldKek, String newKek, byte[] wrapped) {
        byte[] key = keks.unwrap(oldKek, wrapped);
        try {
            return keks.wrap(newKek, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
