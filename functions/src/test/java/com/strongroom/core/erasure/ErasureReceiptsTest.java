package com.strongroom.core.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.keys.TenantKeyring;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.ErasureItem;
import com.strongroom.core.model.ErasureRequest;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.WrappedDataKey;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.InMemoryDataKeyStore;
import com.strongroom.testing.InMemoryReceiptStore;
import com.strongroom.testing.InMemoryTenantStore;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Known answers for the receipt's payload (docs/formats.md, "Erasure receipt"). */
class ErasureReceiptsTest {
    static final TenantId ACME = TenantId.of("acme");
    static final ErasureId ID = ErasureId.of("6f1c1d1e-0000-4000-8000-000000000001");
    static final AssetId ERASED = AssetId.of("00000000-0000-4000-8000-00000000000a");
    static final AssetId HELD = AssetId.of("00000000-0000-4000-8000-00000000000b");
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    /** RFC 8785 JSON: members sorted, no white space; assets sorted by id. */
    static final String PAYLOAD_KAT = "{\"completedAt\":\"2026-11-30T12:00:00Z\",\"dueAt\":\"2026-12-29T23:59:59Z\","
            + "\"erased\":[{\"assetId\":\"00000000-0000-4000-8000-00000000000a\",\"dekId\":\"dek:00112233445566778899aabbccddeeff\","
            + "\"matchedAfterPreview\":false,\"size\":1234}],\"erasureRequestId\":\"6f1c1d1e-0000-4000-8000-000000000001\","
            + "\"irrecoverableAfter\":\"2026-12-30T12:00:00Z\",\"keysDestroyed\":[\"dek:00112233445566778899aabbccddeeff\"],"
            + "\"keysIrrecoverableAfter\":\"2026-12-02T12:00:00Z\",\"method\":\"crypto-shred\","
            + "\"receiptId\":\"6f1c1d1e-0000-4000-8000-000000000001:completed\",\"receivedAt\":\"2026-11-29T09:00:00Z\","
            + "\"retained\":[{\"assetId\":"
            + "\"00000000-0000-4000-8000-00000000000b\",\"reason\":\"legal hold: litigation\"}],\"status\":\"completed\","
            + "\"subject\":{\"blindIndex\":[\"9f86d081884c7d65\"],\"reference\":\"DSR-1\"},\"tenantId\":\"acme\","
            + "\"typ\":\"strongroom-erasure-receipt\"}";
    static final String SHA256_KAT = "39e4f232bb184cbdf3831e499ed4fd460ac37e5bd3b7336527d8f1aed2e491da";

    @Test
    void thePayloadIsTheCanonicalJsonOfTheRequestAndItsItems() {
        ErasureRequest request = ErasureRequest.received(ACME, ID, List.of("9f86d081884c7d65"), "Art. 17",
                Optional.of("DSR-1"), Instant.parse("2026-11-29T09:00:00Z"), "manager-1", T, List.of(ERASED, HELD));
        List<ErasureItem> items = List.of(
                new ErasureItem(ACME, ID, HELD, ErasureItem.Outcome.RETAINED, 99, Optional.empty(),
                        Optional.of("litigation"), false, T),
                new ErasureItem(ACME, ID, ERASED, ErasureItem.Outcome.ERASED, 1234,
                        Optional.of("dek:00112233445566778899aabbccddeeff"), Optional.empty(), false, T));
        Instant completed = Instant.parse("2026-11-30T12:00:00Z");
        ErasureRequest.Completion completion = new ErasureRequest.Completion(completed,
                completed.plus(Duration.ofDays(30)), "");
        ErasureReceipts receipts = new ErasureReceipts(payload -> "unsigned", new InMemoryReceiptStore(),
                new ErasureReceipts.BackupRetention(Duration.ofHours(48), Duration.ofDays(30)));
        byte[] payload = receipts.payload(request, items, completion);
        assertEquals(PAYLOAD_KAT, new String(payload, StandardCharsets.UTF_8));
        assertEquals(SHA256_KAT, ErasureReceipts.sha256Hex(payload), "what the completion event carries");
    }

    @Test
    void aDekIsNamedByTheFirst16BytesOfTheSha256OfItsSealedEntry() {
        InMemoryDataKeyStore dataKeys = new InMemoryDataKeyStore(Clock.systemUTC());
        dataKeys.create(new WrappedDataKey(ACME, ERASED, 1, "abc".getBytes(StandardCharsets.US_ASCII), Optional.empty(),
                ""));
        TenantKeyring keyring = new TenantKeyring(new CountingKeyEncryptionKeys(), dataKeys, new InMemoryTenantStore(),
                Clock.systemUTC(), Duration.ofMinutes(1), 1);
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223 b00361a396177a9cb410ff61f20015ad (FIPS 180-2, B.1)
        assertEquals(Optional.of("dek:ba7816bf8f01cfea414140de5dae2223"), keyring.dataKeyId(ACME, ERASED));
        dataKeys.delete(ACME, ERASED);
        assertEquals(Optional.empty(), keyring.dataKeyId(ACME, ERASED));
    }
}
