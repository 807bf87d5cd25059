package com.strongroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContactStore;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What every {@link ContactStore} adapter promises; one subclass per adapter. */
public abstract class ContactStoreContract {
    protected abstract ContactStore store();

    @Test
    void contactsAreKeptPerTenantAndReplacedWhole() {
        TenantId acme = TenantId.of("k-" + UUID.randomUUID().toString().substring(0, 8));
        TenantId other = TenantId.of("k-" + UUID.randomUUID().toString().substring(0, 8));
        assertEquals(Optional.empty(), store().find(acme));
        Contacts first = new Contacts(List.of(EmailAddress.of("dpo@acme.example")),
                List.of(EmailAddress.of("soc@acme.example")),
                List.of(EmailAddress.of("ada@acme.example"), EmailAddress.of("bob@acme.example")));
        store().put(acme, first);
        assertEquals(Optional.of(first), store().find(acme));
        Contacts second = new Contacts(List.of(), List.of(), List.of(EmailAddress.of("eve@acme.example")));
        store().put(acme, second);
        assertEquals(Optional.of(second), store().find(acme));
        assertEquals(Optional.empty(), store().find(other));
    }
}
