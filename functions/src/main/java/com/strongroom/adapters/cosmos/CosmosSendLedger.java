package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.Delivery;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.SendLedger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The send ledger: one document per notice and recipient (type {@code delivery}) in the tenant's partition of
 * {@code notifications}; the version is the ETag, and every change is conditional on it.
 */
public final class CosmosSendLedger implements SendLedger {
    public static final String CONTAINER = "notifications";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosSendLedger(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Delivery createIfAbsent(Delivery delivery) {
        try {
            String etag = CosmosFailures.createNew(Dependency.COSMOS, container.get(), toDocument(delivery),
                    new PartitionKey(delivery.tenantId().value()), () -> new ConflictException("exists"));
            return delivery.withVersion(etag);
        } catch (ConflictException e) {
            return find(delivery.tenantId(), delivery.id()).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Delivery> find(TenantId tenant, String deliveryId) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), deliveryId, new PartitionKey(tenant.value()))
                .map(response -> fromDocument(response.getItem(), response.getETag()))
                .filter(d -> d.tenantId().equals(tenant));
    }

    @Override
    public Delivery replace(Delivery delivery) {
        String etag = CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), toDocument(delivery),
                delivery.id(), new PartitionKey(delivery.tenantId().value()), delivery.version())
                .orElseThrow(() -> new PreconditionFailedException("the delivery changed since it was read"));
        return delivery.withVersion(etag);
    }

    @Override
    public List<Delivery> forNotice(TenantId tenant, NoticeId notice) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenant AND c.type = 'delivery'"
                + " AND c.noticeId = @notice", List.of(new SqlParameter("@tenant", tenant.value()),
                new SqlParameter("@notice", notice.value())));
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant.value())), JsonNode.class)
                .stream().map(doc -> fromDocument(doc, doc.path("_etag").asText(""))).toList());
    }

    private static ObjectNode toDocument(Delivery d) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", d.id());
        doc.put("tenantId", d.tenantId().value());
        doc.put("type", "delivery");
        doc.put("noticeId", d.noticeId().value());
        doc.put("recipient", d.recipient().value());
        doc.put("state", d.state().name());
        doc.put("attempts", d.attempts());
        d.claimedUntil().ifPresent(at -> doc.put("claimedUntil", at.toString()));
        d.operationId().ifPresent(op -> doc.put("operationId", op));
        d.error().ifPresent(e -> doc.put("error", e));
        doc.put("updatedAt", d.updatedAt().toString());
        return doc;
    }

    private static Delivery fromDocument(JsonNode doc, String etag) {
        return new Delivery(doc.get("id").asText(), TenantId.of(doc.get("tenantId").asText()),
                NoticeId.of(doc.get("noticeId").asText()), EmailAddress.of(doc.get("recipient").asText()),
                Delivery.State.valueOf(doc.get("state").asText()), doc.path("attempts").asInt(),
                Optional.ofNullable(doc.get("claimedUntil")).map(n -> Instant.parse(n.asText())),
                Optional.ofNullable(doc.get("operationId")).map(JsonNode::asText),
                Optional.ofNullable(doc.get("error")).map(JsonNode::asText),
                Instant.parse(doc.get("updatedAt").asText()), etag);
    }
}
