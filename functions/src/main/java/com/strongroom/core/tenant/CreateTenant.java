package com.strongroom.core.tenant;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.AuditRecorder;
import com.strongroom.core.access.Operation;
import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.TenantStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * Creates a tenant homed in this stamp: a new KEK in the key service, a fresh TDK wrapped by it, and a
 * blind-index key sealed by the TDK. The tenant becomes visible only when its document is stored; a crash
 * before that leaves at most an unused KEK version, and a retry creates the tenant afresh.
 */
public final class CreateTenant {
    public static final int TDK_VERSION = 1;

    /** @param region the region the caller expects the tenant to live in; empty means this stamp's */
    public record Command(TenantId id, String displayName, Optional<Region> region) {
        public Command {
            if (id == null) {
                throw new InvalidInputException("id", "is required");
            }
            if (displayName == null || displayName.isBlank() || displayName.length() > 200
                    || displayName.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("displayName", "must be 1-200 characters without control characters");
            }
            displayName = displayName.strip();
            region = region == null ? Optional.empty() : region;
        }
    }

    private final AccessControl access;
    private final TenantStore tenants;
    private final KeyEncryptionKeys keks;
    private final AuditRecorder audit;
    private final Clock clock;

    public CreateTenant(AccessControl access, TenantStore tenants, KeyEncryptionKeys keks, AuditRecorder audit,
                        Clock clock) {
        this.access = access;
        this.tenants = tenants;
        this.keks = keks;
        this.audit = audit;
        this.clock = clock;
    }

    public Tenant handle(Caller caller, Command command, String requestId) {
        String target = "tenants/" + command.id();
        access.authorize(caller, Operation.TENANT_CREATE, target, requestId);
        Region stamp = access.stampRegion();
        if (command.region().isPresent() && command.region().get() != stamp) {
            throw new MisdirectedException(command.region().get());
        }
        if (tenants.find(command.id()).isPresent()) {
            throw new ConflictException("tenant " + command.id() + " already exists");
        }
        Tenant tenant = new Tenant(command.id(), command.displayName(), stamp, clock.instant(), caller.subject(),
                TenantStatus.ACTIVE, newKeys(command.id()));
        tenants.create(tenant);
        audit.success(caller, Operation.TENANT_CREATE, tenant.id().value(), target, requestId);
        return tenant;
    }

    private TenantKeys newKeys(TenantId id) {
        String kekId = keks.create(id);
        byte[] tdk = Aes256Gcm.newKey();
        byte[] blindIndexKey = Aes256Gcm.newKey();
        try {
            byte[] wrappedTdk = keks.wrap(kekId, tdk);
            byte[] wrappedBlindIndexKey = Aes256Gcm.seal(tdk, blindIndexKey, KeyBindings.blindIndexKey(id, TDK_VERSION));
            return new TenantKeys(kekId, TDK_VERSION, wrappedTdk, wrappedBlindIndexKey);
        } finally {
            Arrays.fill(tdk, (byte) 0);
            Arrays.fill(blindIndexKey, (byte) 0);
        }
    }
}
