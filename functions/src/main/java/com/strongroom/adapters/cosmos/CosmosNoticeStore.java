package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.NoticeStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Notices in the tenant's partition of {@code notifications} (type {@code notice}, id the notice id). */
public final class CosmosNoticeStore implements NoticeStore {
    public static final String CONTAINER = "notifications";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosNoticeStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Notice createIfAbsent(Notice notice) {
        try {
            CosmosFailures.createNew(Dependency.COSMOS, container.get(), toDocument(notice),
                    new PartitionKey(notice.tenantId().value()), () -> new ConflictException("exists"));
            return notice;
        } catch (ConflictException e) {
            return find(notice.tenantId(), notice.id()).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Notice> find(TenantId tenant, NoticeId id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id.value(), new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem()))
                .filter(notice -> notice.tenantId().equals(tenant));
    }

    @Override
    public Page list(TenantId tenant, int pageSize, Optional<String> continuation) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND c.type = 'notice'"
                + " ORDER BY c.createdAt DESC", List.of(new SqlParameter("@tenant", tenant.value())));
        CosmosPaging.Page<Notice> page = CosmosPaging.page(Dependency.COSMOS, container.get(), query, tenant.value(),
                pageSize, continuation, CosmosNoticeStore::fromDocument);
        return new Page(page.items(), page.continuation());
    }

    private static ObjectNode toDocument(Notice notice) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", notice.id().value());
        doc.put("tenantId", notice.tenantId().value());
        doc.put("type", "notice");
        doc.put("kind", notice.kind().name());
        doc.put("subject", notice.subject());
        doc.put("text", notice.text());
        doc.put("audience", notice.audience().name());
        doc.put("createdAt", notice.createdAt().toString());
        return doc;
    }

    private static Notice fromDocument(JsonNode doc) {
        return new Notice(NoticeId.of(doc.get("id").asText()), TenantId.of(doc.get("tenantId").asText()),
                Notice.Kind.valueOf(doc.get("kind").asText()), doc.get("subject").asText(), doc.get("text").asText(),
                Contacts.Audience.valueOf(doc.get("audience").asText()), Instant.parse(doc.get("createdAt").asText()));
    }
}
