package com.strongroom.core.port;

import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * One entry per notice and recipient (the send ledger), which is what makes a notice go out exactly once to each
 * recipient whatever the queue redelivers and however many workers race.
 */
public interface SendLedger {
    /** Stores {@code delivery} unless an entry with its id exists; returns the entry stored, with its version. */
    Delivery createIfAbsent(Delivery delivery);

    Optional<Delivery> find(TenantId tenant, String deliveryId);

    /**
     * Replaces an entry if it has not changed since {@code delivery.version()} was read; returns it with its new
     * version, or throws {@link com.strongroom.core.error.PreconditionFailedException}.
     */
    Delivery replace(Delivery delivery);

    List<Delivery> forNotice(TenantId tenant, NoticeId notice);
}
