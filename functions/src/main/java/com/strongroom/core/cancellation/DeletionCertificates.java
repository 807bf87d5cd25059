package com.strongroom.core.cancellation;

import com.strongroom.core.audit.CanonicalJson;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Region;
import com.strongroom.core.port.ReceiptSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deletion certificate of a purged tenant (docs/formats.md): RFC 8785 JSON, signed as a compact JWS of type
 * {@code strongroom-deletion-certificate+jws} with the stamp's signing key. It states what was deleted (counts by
 * kind, as inventoried before the first deletion), which KEK was destroyed and when, the date after which no backup
 * or soft-deleted copy holds a key that opens anything of the tenant, and what was retained and until when.
 */
public final class DeletionCertificates {
    public static final String TYPE = "strongroom-deletion-certificate";

    /**
     * How long copies outlive a deletion: the deleted KEK in Key Vault's soft-delete (recoverable by the vault's
     * owners only), the keyring's and the metadata account's backups, and the audit trail, which is retained.
     */
    public record Retention(Duration keyVaultSoftDelete, Duration keyringBackups, Duration metadataBackups,
                            Duration auditTrail) {
    }

    private final ReceiptSigner signer;
    private final Region region;
    private final Retention retention;

    public DeletionCertificates(ReceiptSigner signer, Region region, Retention retention) {
        this.signer = signer;
        this.region = region;
        this.retention = retention;
    }

    /** The signed certificate of a purge whose data is all gone at {@code completedAt}. */
    String issue(Cancellation c, Instant completedAt) {
        return signer.sign(payload(c, completedAt));
    }

    byte[] payload(Cancellation c, Instant completedAt) {
        Instant keysDestroyedAt = c.purge().keysDestroyedAt().orElseThrow();
        Instant keyVaultUntil = keysDestroyedAt.plus(retention.keyVaultSoftDelete());
        Instant keyringBackupsUntil = keysDestroyedAt.plus(retention.keyringBackups());
        Instant metadataBackupsUntil = completedAt.plus(retention.metadataBackups());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("typ", TYPE);
        p.put("certificateId", c.id());
        p.put("tenantId", c.tenantId().value());
        p.put("region", region.azureName());
        p.put("requestedAt", c.requestedAt().toString());
        p.put("reference", c.reference().orElse(null));
        p.put("purgeStartedAt", c.enteredAt().get(Cancellation.State.PURGING).toString());
        p.put("completedAt", completedAt.toString());
        p.put("deleted", new LinkedHashMap<>(c.purge().inventory().orElseThrow()));
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("kekId", c.purge().kekId().orElseThrow());
        keys.put("kekDestroyedAt", keysDestroyedAt.toString());
        keys.put("tdkDestroyedAt", keysDestroyedAt.toString());
        p.put("keys", keys);
        Map<String, Object> copies = new LinkedHashMap<>();
        copies.put("keyVaultSoftDeleteUntil", keyVaultUntil.toString());
        copies.put("keyringBackupsUntil", keyringBackupsUntil.toString());
        copies.put("metadataBackupsUntil", metadataBackupsUntil.toString());
        p.put("copies", copies);
        p.put("irrecoverableAfter", latest(keyVaultUntil, keyringBackupsUntil, metadataBackupsUntil).toString());
        p.put("retained", List.of(
                retained("audit trail", "the tenant's audit events and signed checkpoints, for their retention period",
                        completedAt.plus(retention.auditTrail()).toString()),
                retained("erasure ledger", "ids of erased assets and keys (write-once; replayed after a restore)",
                        completedAt.plus(retention.auditTrail()).toString()),
                retained("tenant record", "id, region, Entra tenant id, status and dates, so the id is never reused;"
                        + " no name, no keys", "indefinitely"),
                retained("cancellation record", "its dates, counts and this certificate", "indefinitely")));
        return CanonicalJson.bytes(p);
    }

    private static Map<String, Object> retained(String what, String holds, String until) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("what", what);
        r.put("holds", holds);
        r.put("until", until);
        return r;
    }

    private static Instant latest(Instant... instants) {
        Instant latest = instants[0];
        for (Instant i : instants) {
            latest = i.isAfter(latest) ? i : latest;
        }
        return latest;
    }
}
