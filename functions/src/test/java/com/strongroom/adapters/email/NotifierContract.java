package com.strongroom.adapters.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.port.Notifier;
import org.junit.jupiter.api.Test;
import java.util.Optional;
import java.util.UUID;

/** What every {@link Notifier} promises: a send under a delivery id, and the provider's word on that id later. */
abstract class NotifierContract {
    abstract Notifier notifier();

    /** The subject and text the provider holds for {@code deliveryId}, as the recipient would see them. */
    abstract String delivered(String deliveryId);

    static String deliveryId() {
        return Delivery.idFor(NoticeId.maintenance(UUID.randomUUID().toString()), EmailAddress.of("ada@acme.example"));
    }

    @Test
    void aSentEmailIsAcceptedUnderItsDeliveryId() {
        String id = deliveryId();
        Notifier.Email email = new Notifier.Email(EmailAddress.of("ada@acme.example"), "[Strongroom] Maintenance",
                "Planned maintenance on 2026-12-01 02:00 UTC.\nNo action is needed. Größe: ≤ 2 h.");
        String operation = notifier().send(email, id);
        assertEquals(id, operation);
        assertEquals(Optional.of(id), notifier().accepted(id));
        String delivered = delivered(id);
        assertTrue(delivered.contains("[Strongroom] Maintenance"), delivered);
        assertTrue(delivered.contains("Größe: ≤ 2 h."), delivered);
    }

    @Test
    void anIdNeverSentIsNotAccepted() {
        assertEquals(Optional.empty(), notifier().accepted(deliveryId()));
    }
}
