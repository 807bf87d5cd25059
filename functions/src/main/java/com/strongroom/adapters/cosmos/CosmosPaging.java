package com.strongroom.adapters.cosmos;

import com.strongroom.core.error.Dependency;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosEndToEndOperationLatencyPolicyConfigBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a query within a partition, with Cosmos DB's continuation token made opaque and URL-safe. */
final class CosmosPaging {
    private static final int MAX_CONTINUATION_CHARS = 8192;
    private static final int BAD_REQUEST = 400;

    record Page<T>(List<T> items, Optional<String> continuation) {
    }

    private CosmosPaging() {
    }

    static <T> Page<T> page(Dependency dependency, CosmosContainer container, SqlQuerySpec query, String partition,
                            int pageSize, Optional<String> continuation, Function<JsonNode, T> map) {
        return page(dependency, container, query, new CosmosQueryRequestOptions().setPartitionKey(
                new PartitionKey(partition)), pageSize, continuation, map);
    }

    /** A page of a query over every partition (a register of the stamp, not of a tenant). */
    static <T> Page<T> crossPartition(Dependency dependency, CosmosContainer container, SqlQuerySpec query,
                                      int pageSize, Optional<String> continuation, Function<JsonNode, T> map) {
        return page(dependency, container, query, new CosmosQueryRequestOptions(), pageSize, continuation, map);
    }

    /** The same, for a scan that may take longer than the client's usual limit (an incident's window). */
    static <T> Page<T> crossPartition(Dependency dependency, CosmosContainer container, SqlQuerySpec query,
                                      int pageSize, Optional<String> continuation, Duration timeout,
                                      Function<JsonNode, T> map) {
        return page(dependency, container, query, new CosmosQueryRequestOptions()
                .setCosmosEndToEndOperationLatencyPolicyConfig(new CosmosEndToEndOperationLatencyPolicyConfigBuilder(
                        timeout).build()), pageSize, continuation, map);
    }

    private static <T> Page<T> page(Dependency dependency, CosmosContainer container, SqlQuerySpec query,
                                    CosmosQueryRequestOptions options, int pageSize, Optional<String> continuation,
                                    Function<JsonNode, T> map) {
        String cosmosContinuation = continuation.map(CosmosPaging::decode).orElse(null);
        return CosmosFailures.call(dependency, () -> {
            try {
                Iterator<FeedResponse<JsonNode>> pages = container.queryItems(query, options, JsonNode.class)
                        .iterableByPage(cosmosContinuation, pageSize).iterator();
                if (!pages.hasNext()) {
                    return new Page<T>(List.of(), Optional.empty());
                }
                FeedResponse<JsonNode> page = pages.next();
                List<T> items = new ArrayList<>();
                page.getResults().forEach(doc -> items.add(map.apply(doc)));
                return new Page<>(items, Optional.ofNullable(page.getContinuationToken()).map(CosmosPaging::encode));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new InvalidInputException("continuation", "is not a continuation token of this list");
            } catch (CosmosException e) {
                if (cosmosContinuation != null && e.getStatusCode() == BAD_REQUEST) {
                    throw new InvalidInputException("continuation", "is not a continuation token of this list");
                }
                throw e;
            }
        });
    }

    /**
     * The items of the first page that has any, following continuations past empty ones: Cosmos DB may answer a page
     * with no items and a continuation while more items follow, so an empty page does not mean the end.
     */
    static <T> List<T> firstItems(Dependency dependency, CosmosContainer container, SqlQuerySpec query,
                                  String partition, int pageSize, Function<JsonNode, T> map) {
        return CosmosFailures.call(dependency, () -> firstNonEmpty(container.queryItems(query,
                        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(partition)), JsonNode.class)
                .iterableByPage(pageSize).iterator(), page -> page.getResults().stream().map(map).toList()));
    }

    static <P, T> List<T> firstNonEmpty(Iterator<P> pages, Function<P, List<T>> items) {
        while (pages.hasNext()) {
            List<T> page = items.apply(pages.next());
            if (!page.isEmpty()) {
                return page;
            }
        }
        return List.of();
    }

    private static String encode(String cosmosToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cosmosToken.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String continuation) {
        try {
            if (continuation.length() > MAX_CONTINUATION_CHARS) {
                throw new IllegalArgumentException("too long");
            }
            return new String(Base64.getUrlDecoder().decode(continuation), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("continuation", "is not a continuation token of this list");
        }
    }
}
