package com.strongroom.core.notice;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContactStore;

/**
 * A tenant's contacts, read and replaced by its Tenant.Admin or a Platform.Admin. The audit trail records that they
 * were read or changed, never the addresses.
 */
public final class TenantContacts {
    private final AccessControl access;
    private final ContactStore contacts;

    public TenantContacts(AccessControl access, ContactStore contacts) {
        this.access = access;
        this.contacts = contacts;
    }

    public Contacts read(Caller caller, TenantId tenant, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, Operation.CONTACTS_READ, tenant, target(tenant), requestId);
        Contacts found = contacts.find(tenant).orElse(Contacts.none());
        scope.succeeded();
        return found;
    }

    public Contacts replace(Caller caller, TenantId tenant, Contacts replacement, String requestId) {
        RequestScope change = access.authorizeTenant(caller, Operation.CONTACTS_WRITE, tenant, target(tenant),
                requestId).attempting();
        contacts.put(tenant, replacement);
        change.succeeded();
        return replacement;
    }

    private static Target target(TenantId tenant) {
        return Target.tenant(tenant).and("contacts");
    }
}
