package com.strongroom.core.audit;

import com.strongroom.core.model.AuditEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An audit event in its tenant's chain for its retention class:
 * {@code hash = SHA-256(prevHash (32 bytes) || RFC 8785 canonical JSON of the event)}, hex-encoded.
 * The canonical members are listed in docs/formats.md.
 */
public record ChainedEvent(AuditEvent event, String chain, long sequence, String prevHash, String hash) {

    /** The chain an event belongs to: one per tenant and retention class, so expiry only ever trims its start. */
    public static String chainOf(AuditEvent.EventClass eventClass) {
        return eventClass.name().toLowerCase(Locale.ROOT);
    }

    /** Places an event right after {@code previous}. */
    public static ChainedEvent after(ChainLink previous, AuditEvent event) {
        String chain = chainOf(event.eventClass());
        long sequence = previous.sequence() + 1;
        return new ChainedEvent(event, chain, sequence, previous.hash(), hash(previous.hash(), event, chain, sequence));
    }

    public ChainLink link() {
        return new ChainLink(sequence, hash);
    }

    /** Whether the stored hash is the hash of the stored content and predecessor. */
    public boolean hashMatchesContent() {
        return hash.equals(hash(prevHash, event, chain, sequence));
    }

    static String hash(String prevHash, AuditEvent event, String chain, long sequence) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(prevHash));
            sha256.update(CanonicalJson.bytes(canonicalMembers(event, chain, sequence)));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    static Map<String, Object> canonicalMembers(AuditEvent event, String chain, long sequence) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("eventId", event.id());
        members.put("tenantId", event.tenantId());
        members.put("chain", chain);
        members.put("sequence", sequence);
        members.put("at", event.at().toString());
        members.put("actor", event.actor());
        members.put("role", event.role());
        members.put("action", event.action());
        members.put("target", event.target());
        event.purpose().ifPresent(p -> members.put("purpose", p));
        event.grantId().ifPresent(g -> members.put("grantId", g));
        event.ticket().ifPresent(t -> members.put("ticket", t));
        members.put("outcome", event.outcome().name());
        members.put("requestId", event.requestId());
        members.put("eventClass", event.eventClass().name());
        event.count().ifPresent(c -> members.put("count", c));
        return members;
    }
}
