package com.strongroom.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A signed statement that a tenant's chain had reached {@code sequence} with {@code hash}.
 *
 * @param eventAt  when the checkpointed event happened, so verification can tell an expired event from a
 *                 deleted one
 * @param signedAt when the checkpoint was signed
 */
public record Checkpoint(String tenantId, String chain, long sequence, String hash, Instant eventAt,
                         Instant signedAt) {
    public Checkpoint {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(eventAt, "eventAt");
        Objects.requireNonNull(signedAt, "signedAt");
    }

    /** The signed payload: RFC 8785 canonical JSON of these members. */
    public byte[] payload() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("tenantId", tenantId);
        members.put("chain", chain);
        members.put("sequence", sequence);
        members.put("hash", hash);
        members.put("eventAt", eventAt.toString());
        members.put("signedAt", signedAt.toString());
        return CanonicalJson.bytes(members);
    }
}
