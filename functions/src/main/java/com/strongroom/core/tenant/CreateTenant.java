package com.strongroom.core.tenant;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.crypto.Aes256Gcm;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.DirectoryEntry;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantKeys;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.TenantDirectory;
import com.strongroom.core.port.TenantStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates a tenant homed in this stamp: a new KEK in the key service, a fresh TDK wrapped by it, and a
 * blind-index key sealed by the TDK. A customer's Entra tenant, when given, is first claimed in the shared
 * directory, so that one Entra tenant is registered on one tenant anywhere. The tenant becomes visible only when its
 * document is stored; a failure before that releases the claim, a crash leaves at most an unused KEK version and a
 * claim that a retry of the same creation takes over, and a retry creates the tenant afresh.
 */
public final class CreateTenant {
    public static final int TDK_VERSION = 1;

    /**
     * @param region      the region the caller expects the tenant to live in; empty means this stamp's
     * @param entraTenant the customer's Entra tenant, whose users get customer roles on this tenant
     */
    public record Command(TenantId id, String displayName, Optional<Region> region,
                          Optional<EntraTenantId> entraTenant) {
        public Command {
            if (id == null) {
                throw new InvalidInputException("id", "is required");
            }
            displayName = Text.required("displayName", displayName, 200);
            region = region == null ? Optional.empty() : region;
            entraTenant = entraTenant == null ? Optional.empty() : entraTenant;
        }
    }

    private final AccessControl access;
    private final TenantStore tenants;
    private final TenantDirectory directory;
    private final KeyEncryptionKeys keks;
    private final Clock clock;
    private final Optional<Supplier<EntraTenantId>> placeholderEntraTenant;

    /**
     * @param placeholderEntraTenant local mode only: gives a tenant created without an Entra tenant a made-up one,
     *                               so the dev issuer can mint customer tokens for it
     */
    public CreateTenant(AccessControl access, TenantStore tenants, TenantDirectory directory, KeyEncryptionKeys keks,
                        Clock clock, Optional<Supplier<EntraTenantId>> placeholderEntraTenant) {
        this.access = access;
        this.tenants = tenants;
        this.directory = directory;
        this.keks = keks;
        this.clock = clock;
        this.placeholderEntraTenant = placeholderEntraTenant;
    }

    public Operation operation() {
        return Operation.TENANT_CREATE;
    }

    public Tenant handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorize(caller, operation(), Target.tenant(command.id()), requestId);
        Region stamp = access.stampRegion();
        if (command.region().isPresent() && command.region().get() != stamp) {
            throw new MisdirectedException(command.region().get());
        }
        if (tenants.find(command.id()).isPresent()) {
            throw new ConflictException("tenant " + command.id() + " already exists");
        }
        Optional<EntraTenantId> entraTenant = command.entraTenant().or(() -> placeholderEntraTenant.map(Supplier::get));
        Optional<DirectoryEntry> entry = entraTenant.map(e -> new DirectoryEntry(e, command.id(), stamp));
        if (entraTenant.isPresent() && tenants.findByEntraTenant(entraTenant.get()).isPresent()) {
            throw new ConflictException("Entra tenant " + entraTenant.get() + " is already registered on a tenant");
        }
        RequestScope change = scope.in(command.id()).attempting();
        entry.ifPresent(directory::claim);
        Tenant tenant;
        try {
            tenant = new Tenant(command.id(), command.displayName(), stamp, entraTenant, clock.instant(),
                    caller.subject(), TenantStatus.ACTIVE, newKeys(command.id()));
            tenants.create(tenant);
        } catch (RuntimeException e) {
            entry.ifPresent(claimed -> releaseAfter(e, claimed));
            throw e;
        }
        change.succeeded();
        return tenant;
    }

    private void releaseAfter(RuntimeException failure, DirectoryEntry claimed) {
        try {
            directory.release(claimed);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
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
