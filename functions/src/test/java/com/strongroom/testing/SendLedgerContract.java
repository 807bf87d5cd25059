package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.SendLedger;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What every {@link SendLedger} adapter promises; one subclass per adapter. */
public abstract class SendLedgerContract {
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    protected abstract SendLedger store();

    @Test
    void anEntryIsCreatedOnceAndChangesOnlyFromTheVersionItWasReadAt() {
        TenantId tenant = TenantId.of("s-" + UUID.randomUUID().toString().substring(0, 8));
        NoticeId notice = NoticeId.maintenance(UUID.randomUUID().toString());
        Delivery pending = Delivery.pending(tenant, notice, EmailAddress.of("ada@acme.example"), T0);
        Delivery stored = store().createIfAbsent(pending);
        assertEquals(Delivery.State.PENDING, stored.state());
        assertNotEquals("", stored.version());
        Delivery again = store().createIfAbsent(pending);
        assertEquals(stored.version(), again.version(), "the entry that exists is returned");

        Delivery claimed = store().replace(stored.claimed(T0, T0.plusSeconds(90)));
        assertThrows(PreconditionFailedException.class, () -> store().replace(stored.claimed(T0, T0.plusSeconds(90))),
                "a second claimant from the same read loses");
        Delivery sent = store().replace(claimed.sent("op-1", T0.plusSeconds(1)));
        Delivery read = store().find(tenant, pending.id()).orElseThrow();
        assertEquals(Delivery.State.SENT, read.state());
        assertEquals(1, read.attempts());
        assertEquals(Optional.of("op-1"), read.operationId());
        assertEquals(sent.version(), read.version());
        assertEquals(EmailAddress.of("ada@acme.example"), read.recipient());
        assertEquals(Optional.empty(), store().find(TenantId.of("s-other"), pending.id()));
    }

    @Test
    void theEntriesOfANoticeAreListedTogether() {
        TenantId tenant = TenantId.of("s-" + UUID.randomUUID().toString().substring(0, 8));
        NoticeId notice = NoticeId.maintenance(UUID.randomUUID().toString());
        for (String to : new String[] {"a@acme.example", "b@acme.example", "c@acme.example"}) {
            store().createIfAbsent(Delivery.pending(tenant, notice, EmailAddress.of(to), T0));
        }
        store().createIfAbsent(Delivery.pending(tenant, NoticeId.maintenance(UUID.randomUUID().toString()),
                EmailAddress.of("a@acme.example"), T0));
        Set<String> to = store().forNotice(tenant, notice).stream().map(d -> d.recipient().value())
                .collect(Collectors.toSet());
        assertEquals(Set.of("a@acme.example", "b@acme.example", "c@acme.example"), to);
    }
}
