package com.strongroom.core.cancellation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.TenantId;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The certificate's payload, byte for byte (docs/formats.md): a known answer. */
class DeletionCertificatesTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void thePayloadIsCanonicalJsonOfTheRecordedPurge() {
        Cancellation c = Cancellation.requested(TenantId.of("acme"), "0b9f2c2e-6d1e-4a53-9d6c-0f4b8a3e2a10", 0,
                        Optional.of("ticket 42"), false, "platform-admin", T0)
                .inGrace(T0).entering(Cancellation.State.PURGING, T0.plusSeconds(1));
        c = c.withPurge(c.purge().inventoried(Map.of("asset-documents", 3L, "content-keys", 4L), "kek:acme/1")
                .keysDestroyed(T0.plusSeconds(2)));
        DeletionCertificates certificates = new DeletionCertificates(payload -> "unused", Region.WEST_EUROPE,
                new DeletionCertificates.Retention(Duration.ofDays(90), Duration.ofHours(48), Duration.ofDays(30),
                        Duration.ofDays(400)));

        String payload = new String(certificates.payload(c, T0.plusSeconds(3)), StandardCharsets.UTF_8);

        assertEquals("{\"certificateId\":\"0b9f2c2e-6d1e-4a53-9d6c-0f4b8a3e2a10\",\"completedAt\":"
                + "\"2026-11-30T10:00:03Z\",\"copies\":{\"keyVaultSoftDeleteUntil\":\"2027-02-28T10:00:02Z\","
                + "\"keyringBackupsUntil\":\"2026-12-02T10:00:02Z\",\"metadataBackupsUntil\":"
                + "\"2026-12-30T10:00:03Z\"},\"deleted\":{\"asset-documents\":3,\"content-keys\":4},"
                + "\"irrecoverableAfter\":\"2027-02-28T10:00:02Z\",\"keys\":{\"kekDestroyedAt\":"
                + "\"2026-11-30T10:00:02Z\",\"kekId\":\"kek:acme/1\",\"tdkDestroyedAt\":\"2026-11-30T10:00:02Z\"},"
                + "\"purgeStartedAt\":\"2026-11-30T10:00:01Z\",\"reference\":\"ticket 42\",\"region\":\"westeurope\","
                + "\"requestedAt\":\"2026-11-30T10:00:00Z\",\"retained\":[{\"holds\":\"the tenant's audit events and"
                + " signed checkpoints, for their retention period\",\"until\":\"2028-01-04T10:00:03Z\",\"what\":"
                + "\"audit trail\"},{\"holds\":\"ids of erased assets and keys (write-once; replayed after a"
                + " restore)\",\"until\":\"2028-01-04T10:00:03Z\",\"what\":\"erasure ledger\"},{\"holds\":\"id,"
                + " region, Entra tenant id, status and dates, so the id is never reused; no name, no keys\","
                + "\"until\":\"indefinitely\",\"what\":\"tenant record\"},{\"holds\":\"its dates, counts and this"
                + " certificate\",\"until\":\"indefinitely\",\"what\":\"cancellation record\"}],\"tenantId\":"
                + "\"acme\",\"typ\":\"strongroom-deletion-certificate\"}", payload);
    }
}
