package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosClient;
import com.strongroom.core.port.TenantDirectory;
import com.strongroom.it.TestStack;
import com.strongroom.testing.TenantDirectoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared directory with the real SDK against the local Cosmos DB stand-in. */
class CosmosTenantDirectoryIT extends TenantDirectoryContract {
    private static CosmosClient client;
    private static CosmosTenantDirectory directory;

    @BeforeAll
    static void connect() {
        TestStack stack = TestStack.shared();
        client = stack.emulators().newCosmosClient();
        directory = new CosmosTenantDirectory(() -> client.getDatabase("strongroom-directory")
                .getContainer(CosmosTenantDirectory.CONTAINER));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected TenantDirectory directory() {
        return directory;
    }
}
