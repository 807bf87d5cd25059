package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosClient;
import com.strongroom.core.port.TenantStore;
import com.strongroom.it.TestStack;
import com.strongroom.testing.TenantStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Cosmos adapter with the real SDK against the local Cosmos DB stand-in. */
class CosmosTenantStoreIT extends TenantStoreContract {
    private static CosmosClient client;
    private static CosmosTenantStore store;

    @BeforeAll
    static void connect() {
        TestStack stack = TestStack.shared();
        client = stack.emulators().newCosmosClient();
        store = new CosmosTenantStore(() -> client.getDatabase("strongroom").getContainer(CosmosTenantStore.CONTAINER));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected TenantStore store() {
        return store;
    }
}
