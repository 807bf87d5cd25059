package com.strongroom.testing;

import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.SendLedger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySendLedger implements SendLedger {
    private final Map<String, Delivery> entries = new ConcurrentHashMap<>();

    @Override
    public Delivery createIfAbsent(Delivery delivery) {
        return entries.computeIfAbsent(key(delivery.tenantId(), delivery.id()),
                k -> delivery.withVersion(UUID.randomUUID().toString()));
    }

    @Override
    public Optional<Delivery> find(TenantId tenant, String deliveryId) {
        return Optional.ofNullable(entries.get(key(tenant, deliveryId)));
    }

    @Override
    public Delivery replace(Delivery delivery) {
        String key = key(delivery.tenantId(), delivery.id());
        Delivery next = delivery.withVersion(UUID.randomUUID().toString());
        Delivery result = entries.computeIfPresent(key, (k, current) ->
                current.version().equals(delivery.version()) ? next : current);
        if (result != next) {
            throw new PreconditionFailedException("the delivery changed since it was read");
        }
        return next;
    }

    @Override
    public List<Delivery> forNotice(TenantId tenant, NoticeId notice) {
        return entries.values().stream().filter(d -> d.tenantId().equals(tenant) && d.noticeId().equals(notice))
                .toList();
    }

    private static String key(TenantId tenant, String id) {
        return tenant.value() + "/" + id;
    }

    public int count(TenantId tenant) {
        return (int) entries.values().stream().filter(v -> v.tenantId().equals(tenant)).count();
    }

    /** Deletes the tenant's entries, as the purge deletes its partition. */
    public void forget(TenantId tenant) {
        entries.values().removeIf(v -> v.tenantId().equals(tenant));
    }
}
