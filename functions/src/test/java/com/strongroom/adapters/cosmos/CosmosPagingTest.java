package com.strongroom.adapters.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * "In some cases, a query may also return an empty page of results" while more follow; one must continue until there
 * are no further pages (Cosmos DB documentation, "Pagination in Azure Cosmos DB for NoSQL").
 */
class CosmosPagingTest {
    @Test
    void anEmptyPageIsNotTheEnd() {
        List<List<String>> pages = List.of(List.of(), List.of(), List.of("dek-1", "dek-2"), List.of("dek-3"));
        assertEquals(List.of("dek-1", "dek-2"), CosmosPaging.firstNonEmpty(pages.iterator(), Function.identity()));
    }

    @Test
    void onlyNoPageOrEveryPageEmptyIsTheEnd() {
        assertEquals(List.of(), CosmosPaging.firstNonEmpty(List.<List<String>>of().iterator(), Function.identity()));
        assertEquals(List.of(), CosmosPaging.firstNonEmpty(List.of(List.<String>of(), List.<String>of()).iterator(),
                Function.identity()));
    }
}
