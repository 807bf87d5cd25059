package com.strongroom.core.audit;

import com.strongroom.core.model.AuditEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * Lane {@code lane} of a class's chain: one of the parallel chains that a busy tenant's events are spread over.
     * Lane 0 is the class's chain as it was before lanes, so chains written then read as lane 0.
     */
    public static String laneOf(AuditEvent.EventClass eventClass, int lane) {
        if (lane < 0) {
            throw new IllegalArgumentException("a lane is not negative");
        }
        return lane == 0 ? chainOf(eventClass) : chainOf(eventClass) + "." + lane;
    }

    /** Every lane below {@code lanes} of every class's chain, class by class, lane 0 first. */
    public static List<String> allLanes(int lanes) {
        List<String> all = new ArrayList<>();
        for (AuditEvent.EventClass eventClass : AuditEvent.EventClass.values()) {
            for (int lane = 0; lane < lanes; lane++) {
                all.add(laneOf(eventClass, lane));
            }
        }
        return all;
    }

    /** The class's chain that a lane belongs to: {@code access} for {@code access.3}. */
    public static String classChainOf(String chain) {
        int dot = chain.indexOf('.');
        return dot < 0 ? chain : chain.substring(0, dot);
    }

    /** The lane number of a chain: 3 for {@code access.3}, 0 for {@code access}. */
    public static int laneNumberOf(String chain) {
        int dot = chain.indexOf('.');
        return dot < 0 ? 0 : Integer.parseInt(chain.substring(dot + 1));
    }

    /** Places an event right after {@code previous} in lane 0 of its class's chain. */
    public static ChainedEvent after(ChainLink previous, AuditEvent event) {
        return after(previous, event, chainOf(event.eventClass()));
    }

    /** Places an event right after {@code previous} in {@code chain}, a lane of its class's chain. */
    public static ChainedEvent after(ChainLink previous, AuditEvent event, String chain) {
        if (!classChainOf(chain).equals(chainOf(event.eventClass()))) {
            throw new IllegalArgumentException("an event goes to a lane of its own class's chain");
        }
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

    /**
     * The event as a line of an export (RFC 8785 JSON): its hashed members with {@code prevHash} and {@code hash}, so
     * anyone can check each link of the chain offline.
     */
    public byte[] exportLine() {
        Map<String, Object> members = canonicalMembers(event, chain, sequence);
        members.put("prevHash", prevHash);
        members.put("hash", hash);
        return CanonicalJson.bytes(members);
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
