package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ContactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Each tenant's contacts: one document {@code contacts} in the tenant's partition of {@code notifications}. */
public final class CosmosContactStore implements ContactStore {
    public static final String CONTAINER = "notifications";
    private static final String ID = "contacts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosContactStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Optional<Contacts> find(TenantId tenant) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), ID, new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem()));
    }

    @Override
    public void put(TenantId tenant, Contacts contacts) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", ID);
        doc.put("tenantId", tenant.value());
        doc.put("type", "contacts");
        contacts.privacy().forEach(a -> doc.withArray("privacy").add(a.value()));
        contacts.security().forEach(a -> doc.withArray("security").add(a.value()));
        contacts.admins().forEach(a -> doc.withArray("admins").add(a.value()));
        CosmosFailures.call(Dependency.COSMOS, () -> container.get().upsertItem(doc, new PartitionKey(tenant.value()),
                new CosmosItemRequestOptions()));
    }

    private static Contacts fromDocument(JsonNode doc) {
        return new Contacts(addresses(doc.path("privacy")), addresses(doc.path("security")),
                addresses(doc.path("admins")));
    }

    private static List<EmailAddress> addresses(JsonNode list) {
        List<EmailAddress> out = new ArrayList<>();
        list.forEach(a -> out.add(EmailAddress.of(a.asText())));
        return out;
    }
}
