package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.adapters.ParallelDeletes;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.TenantDataSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A tenant's partition of one container, or the part of it a filter selects, as a set the purge deletes: the ids of
 * a page are read, then deleted several at a time, until a page comes back empty.
 */
public final class CosmosTenantPartition implements TenantDataSet {
    private static final int PAGE = 1000;

    private final String kind;
    private final Supplier<CosmosContainer> container;
    private final String filter;

    /**
     * @param filter a condition on {@code c} that the documents of the set meet, {@code true} for the whole partition
     */
    public CosmosTenantPartition(String kind, Supplier<CosmosContainer> container, String filter) {
        this.kind = kind;
        this.container = container;
        this.filter = filter;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public long count(TenantId tenant) {
        SqlQuerySpec query = query("SELECT VALUE COUNT(1) FROM c", tenant);
        return CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query, inPartition(tenant),
                JsonNode.class).stream().mapToLong(JsonNode::asLong).sum());
    }

    /**
     * {@inheritDoc} A page that names only documents this call already deleted means they do not go (a container
     * partitioned by another key than {@code /tenantId}, say): that fails loudly rather than loop.
     */
    @Override
    public void deleteAll(TenantId tenant) {
        SqlQuerySpec query = query("SELECT TOP " + PAGE + " c.id FROM c", tenant);
        PartitionKey partition = new PartitionKey(tenant.value());
        Set<String> deleted = new HashSet<>();
        while (true) {
            List<String> ids = CosmosFailures.call(Dependency.COSMOS, () -> container.get().queryItems(query,
                    inPartition(tenant), JsonNode.class).stream().map(doc -> doc.get("id").asText()).toList());
            if (ids.isEmpty()) {
                return;
            }
            if (deleted.containsAll(ids)) {
                throw new IllegalStateException(kind + ": " + ids.size() + " documents of the tenant are still listed"
                        + " after they were deleted; is the container partitioned by /tenantId?");
            }
            ParallelDeletes.each(ids, id -> CosmosFailures.deleteIfExists(Dependency.COSMOS, container.get(), id,
                    partition));
            deleted.addAll(ids);
        }
    }

    private SqlQuerySpec query(String select, TenantId tenant) {
        return new SqlQuerySpec(select + " WHERE c.tenantId = @tenant AND (" + filter + ")",
                List.of(new SqlParameter("@tenant", tenant.value())));
    }

    private static CosmosQueryRequestOptions inPartition(TenantId tenant) {
        return new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant.value()));
    }
}
