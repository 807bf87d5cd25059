package com.strongroom.testing;

import com.strongroom.core.consent.SupportConsent;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.ConsentGrant;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.GrantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Consent grants in memory, for the core's unit tests; keeps {@link GrantStoreContract}. */
public final class InMemoryGrantStore implements GrantStore {
    private record Key(TenantId tenant, GrantId id) {
    }

    private final Map<Key, ConsentGrant> grants = new ConcurrentHashMap<>();

    /** Support consent over a store without grants: no support engineer gets in, and no notice is asked for. */
    public static SupportConsent noGrants(Clock clock) {
        return new SupportConsent(new InMemoryGrantStore(), grant -> {
            throw new AssertionError("no grant exists to be used");
        }, clock);
    }

    @Override
    public synchronized void create(ConsentGrant grant) {
        if (grants.putIfAbsent(new Key(grant.tenantId(), grant.id()), versioned(grant)) != null) {
            throw new ConflictException("consent grant " + grant.id() + " already exists");
        }
    }

    @Override
    public Optional<ConsentGrant> find(TenantId tenant, GrantId id) {
        return Optional.ofNullable(grants.get(new Key(tenant, id)));
    }

    @Override
    public List<ConsentGrant> forGrantee(TenantId tenant, String grantee) {
        return grants.values().stream().filter(g -> g.tenantId().equals(tenant) && g.grantee().equals(grantee)).toList();
    }

    @Override
    public synchronized ConsentGrant replace(ConsentGrant grant) {
        Key key = new Key(grant.tenantId(), grant.id());
        ConsentGrant current = grants.get(key);
        if (current == null || !current.version().equals(grant.version())) {
            throw new PreconditionFailedException("the consent grant changed since it was read");
        }
        ConsentGrant stored = versioned(grant);
        grants.put(key, stored);
        return stored;
    }

    @Override
    public Page list(TenantId tenant, int pageSize, Optional<String> continuation) {
        List<ConsentGrant> all = grants.values().stream().filter(g -> g.tenantId().equals(tenant))
                .sorted(Comparator.comparing(ConsentGrant::createdAt).reversed()).toList();
        int from;
        try {
            from = continuation.map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("continuation", "is not a continuation token of this list");
        }
        int to = Math.min(all.size(), from + pageSize);
        return new Page(all.subList(Math.min(from, to), to), to < all.size() ? Optional.of(String.valueOf(to))
                : Optional.empty());
    }

    @Override
    public List<ConsentGrant> recordedActiveExpiredBy(Instant now, int limit) {
        return grants.values().stream().filter(g -> g.recorded() == ConsentGrant.Status.ACTIVE
                && !g.expiresAt().isAfter(now)).limit(limit).toList();
    }

    private static ConsentGrant versioned(ConsentGrant grant) {
        return grant.withVersion(UUID.randomUUID().toString());
    }
}
